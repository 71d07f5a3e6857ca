// Writes a small zip archive (deflate, no zip64) — enough for a Teams app package of three files.
// Layout per APPNOTE.TXT 4.3: local headers with data, then the central directory, then the end record.
import { deflateRawSync } from "node:zlib";
import { crc32 } from "./png.mjs";

// A fixed timestamp (1980-01-01 00:00, the DOS epoch) keeps packages byte-for-byte reproducible.
const DosTime = 0;
const DosDate = (0 << 9) | (1 << 5) | 1;
const Utf8Names = 0x0800;

/** entries: [{ name, data: Buffer }] → Buffer holding the zip file. */
export function createZip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, "utf8");
    const compressed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(Utf8Names, 6);
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(DosTime, 10);
    local.writeUInt16LE(DosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBytes, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(Utf8Names, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DosTime, 12);
    central.writeUInt16LE(DosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // extra length, comment length, disk number, internal and external attributes stay 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);

    offset += local.length + nameBytes.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
