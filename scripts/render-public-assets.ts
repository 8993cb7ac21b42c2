// Renders public/'s raster files from public/favicon.svg: the ICO (16, 32 and
// 48 px PNGs inside), the apple-touch and manifest icons, and the Open Graph
// image a shared link shows. Run after changing the SVG: `npx tsx scripts/render-public-assets.ts`.
// sharp comes with Next (its image optimiser); nothing here runs at build or request time.
import { readFileSync, writeFileSync } from "node:fs";
import sharp from "sharp";

const dir = new URL("../public/", import.meta.url);
const svg = readFileSync(new URL("favicon.svg", dir));

const png = (size: number, source: Buffer = svg) =>
  sharp(source, { density: 72 * (size / 32) })
    .resize(size, size)
    .png()
    .toBuffer();

/** An ICO whose images are PNGs (every browser since 2009 reads them). */
function ico(images: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

const ogImage = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
  <rect width="1200" height="630" fill="#0f172a"/>
  <g transform="translate(96 150) scale(6)">${svg
    .toString()
    .replace(/<svg[^>]*>|<\/svg>/g, "")
    .replace(/<rect[^>]*\/>/, "")}</g>
  <text x="400" y="270" font-family="DejaVu Sans, sans-serif" font-size="84" font-weight="bold" fill="#f8fafc">Bellwether</text>
  <text x="400" y="350" font-family="DejaVu Sans, sans-serif" font-size="44" fill="#cbd5e1">Commerce platform status</text>
  <text x="400" y="430" font-family="DejaVu Sans, sans-serif" font-size="30" fill="#94a3b8">Live status, incidents and maintenance</text>
  <text x="400" y="475" font-family="DejaVu Sans, sans-serif" font-size="30" fill="#94a3b8">for every component in every region</text>
  <rect x="0" y="610" width="1200" height="20" fill="#15803d"/>
</svg>`;

async function main() {
  const sizes = [16, 32, 48];
  writeFileSync(
    new URL("favicon.ico", dir),
    ico(await Promise.all(sizes.map(async (size) => ({ size, data: await png(size) })))),
  );
  // iOS puts its own mask on the icon and shows transparency as black: a full square, no corners.
  const square = Buffer.from(svg.toString().replace('rx="7"', 'rx="0"'));
  writeFileSync(new URL("apple-touch-icon.png", dir), await png(180, square));
  writeFileSync(new URL("icon-192.png", dir), await png(192));
  writeFileSync(new URL("icon-512.png", dir), await png(512));
  writeFileSync(new URL("og-image.png", dir), await sharp(Buffer.from(ogImage)).png().toBuffer());
}

await main();
