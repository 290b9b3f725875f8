// Model copy throughput, each driver beside its baseline in one run: the filesystem driver's put
// (staging → a cluster directory) vs `cp`, and the S3 driver's put (multipart) vs a bare AWS SDK
// multipart Upload with the same part size and concurrency, both against one local s3rver.
// Best of three rounds each, alternating. Targets: ≥ 90 % of the baseline's throughput.
// The copy job also reads the file back to verify its sha-256; that read is timed on its own.
// Run: node bench/models-copy.bench.ts
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Upload } from '@aws-sdk/lib-storage';
import { fsStorage } from '../server/storage/fs.ts';
import { storedSha256 } from '../server/storage/hash.ts';
import { PART_SIZE, QUEUE_SIZE, s3Client, s3Storage } from '../server/storage/s3.ts';
import { startS3 } from '../test/s3.ts';

const MiB = 1024 * 1024;
const FS_SIZE = 1024 * MiB;
const S3_SIZE = 256 * MiB; // s3rver writes every part and then the whole object: a slow server
const ROUNDS = 3;

const dir = await mkdtemp(path.join(tmpdir(), 'drucker-bench-copy-'));
async function makeFile(file: string, size: number) {
  const handle = await open(file, 'w');
  const block = randomBytes(MiB);
  for (let written = 0; written < size; written += MiB) await handle.write(block);
  await handle.close();
}

const time = async (work: () => unknown) => {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
};
const rate = (bytes: number, seconds: number) => `${(bytes / MiB / seconds).toFixed(0)} MiB/s`;
let failed = false;

try {
  // Filesystem: staging/app/m-1/model.bin → cluster/app/m-1/model.bin.
  const staging = fsStorage(path.join(dir, 'staging'));
  await writeFile(path.join(dir, 'seed'), '');
  await staging.put('app/m-1/model.bin', createReadStream(path.join(dir, 'seed')));
  await makeFile(path.join(dir, 'staging', 'app', 'm-1', 'model.bin'), FS_SIZE);
  const cluster = fsStorage(path.join(dir, 'cluster'));
  const fsBest = { driver: Number.POSITIVE_INFINITY, cp: Number.POSITIVE_INFINITY };
  for (let round = 0; round < ROUNDS; round++) {
    fsBest.cp = Math.min(fsBest.cp, await time(() => spawnSync('cp', [path.join(dir, 'staging', 'app', 'm-1', 'model.bin'), path.join(dir, 'cp-copy.bin')])));
    await rm(path.join(dir, 'cp-copy.bin'), { force: true });
    fsBest.driver = Math.min(fsBest.driver, await time(async () => cluster.put('app/m-1/model.bin', await staging.get('app/m-1/model.bin'))));
    await cluster.delete('app/m-1/model.bin');
  }
  await cluster.put('app/m-1/model.bin', await staging.get('app/m-1/model.bin'));
  const verify = await time(() => storedSha256(cluster, 'app/m-1/model.bin'));
  const fsRatio = fsBest.cp / fsBest.driver;
  console.log(`filesystem, 1 GiB: driver ${rate(FS_SIZE, fsBest.driver)}, cp ${rate(FS_SIZE, fsBest.cp)}: ${(fsRatio * 100).toFixed(0)} % (target ≥ 90 %)`);
  console.log(`  reading it back for the sha-256 check: ${rate(FS_SIZE, verify)}`);
  if (fsRatio < 0.9) failed = true;
  await rm(path.join(dir, 'cluster'), { recursive: true, force: true });

  // S3: staging file → bucket, through the driver and through the SDK alone.
  const s3 = await startS3();
  try {
    const settings = await s3.bucket('drucker-bench');
    const bucket = s3Storage(settings);
    const source = path.join(dir, 's3-source.bin');
    await makeFile(source, S3_SIZE);
    const s3Best = { driver: Number.POSITIVE_INFINITY, sdk: Number.POSITIVE_INFINITY };
    for (let round = 0; round < ROUNDS; round++) {
      s3Best.sdk = Math.min(
        s3Best.sdk,
        await time(() =>
          new Upload({ client: s3Client(settings), params: { Bucket: settings.bucket, Key: 'bare/model.bin', Body: createReadStream(source) }, partSize: PART_SIZE, queueSize: QUEUE_SIZE }).done(),
        ),
      );
      s3Best.driver = Math.min(s3Best.driver, await time(() => bucket.put('app/m-1/model.bin', createReadStream(source))));
    }
    const s3Ratio = s3Best.sdk / s3Best.driver;
    console.log(`S3 (s3rver), 256 MiB: driver ${rate(S3_SIZE, s3Best.driver)}, bare SDK multipart ${rate(S3_SIZE, s3Best.sdk)}: ${(s3Ratio * 100).toFixed(0)} % (target ≥ 90 %)`);
    if (s3Ratio < 0.9) failed = true;
  } finally {
    await s3.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
