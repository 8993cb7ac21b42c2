#!/bin/sh
# Stand-in for the native schema engine: prisma generate needs a path, never runs it.
exit 1
