import busboy from 'busboy';
import { pipeline, type Readable } from 'node:stream';
import { AppError } from '../errors.ts';

/**
 * The first file of a multipart/form-data body, as a stream (busboy parses as bytes arrive; the
 * file is never buffered). Other parts are ignored: the model's fields come in the query string.
 */
export function multipartFile(body: Readable, contentType: string): Promise<{ stream: Readable; fileName: string | undefined }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { files: 1 } });
    } catch (error) {
      body.destroy();
      reject(new AppError('BAD_REQUEST', `The multipart body could not be read: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    let file: Readable | undefined;
    parser.on('file', (_field, stream, info) => {
      file = stream;
      resolve({ stream, fileName: info.filename || undefined });
    });
    parser.on('close', () => {
      if (!file) reject(new AppError('BAD_REQUEST', 'The multipart body has no file part; send the model as a file field.'));
    });
    // A cut connection fails the file stream, so the upload that reads it fails and cleans up.
    pipeline(body, parser, (error) => {
      if (!error) return;
      if (file) file.destroy(error);
      else reject(new AppError('BAD_REQUEST', `The multipart body could not be read: ${error.message}`));
    });
  });
}
