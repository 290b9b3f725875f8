// Uploads with XMLHttpRequest, whose upload progress events fetch() does not have in browsers.

export type UploadProgress = { loaded: number; total: number; bytesPerSecond: number; secondsLeft: number };

export type UploadRequest = {
  applicationId: number;
  name: string;
  version?: string;
  description?: string;
  file: File;
  onProgress: (progress: UploadProgress) => void;
};

export class UploadError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'UploadError';
    this.status = status;
  }
}

/** Starts the upload; `abort()` cancels it (the server keeps nothing). */
export function startUpload(request: UploadRequest): { done: Promise<{ modelId: number }>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const query = new URLSearchParams({ applicationId: String(request.applicationId), name: request.name, fileName: request.file.name });
  if (request.version) query.set('version', request.version);
  if (request.description) query.set('description', request.description);
  const started = performance.now();
  const done = new Promise<{ modelId: number }>((resolve, reject) => {
    xhr.upload.onprogress = (event) => {
      const seconds = (performance.now() - started) / 1000;
      const bytesPerSecond = seconds > 0 ? event.loaded / seconds : 0;
      const total = event.lengthComputable ? event.total : request.file.size;
      request.onProgress({ loaded: event.loaded, total, bytesPerSecond, secondsLeft: bytesPerSecond > 0 ? (total - event.loaded) / bytesPerSecond : Number.POSITIVE_INFINITY });
    };
    xhr.onload = () => {
      let body: { modelId?: number; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // An answer that is not JSON (a proxy's error page): the status says enough.
      }
      if (xhr.status >= 200 && xhr.status < 300 && typeof body.modelId === 'number') resolve({ modelId: body.modelId });
      else reject(new UploadError(xhr.status, body.error ?? `The upload failed (HTTP ${xhr.status}).`));
    };
    xhr.onerror = () => reject(new UploadError(0, 'The connection to the server was lost during the upload.'));
    xhr.onabort = () => reject(new UploadError(0, 'The upload was cancelled.'));
  });
  xhr.open('POST', `/api/uploads/models?${query.toString()}`);
  xhr.setRequestHeader('content-type', 'application/octet-stream');
  xhr.send(request.file);
  return { done, abort: () => xhr.abort() };
}
