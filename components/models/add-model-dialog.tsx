'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Plus, Upload } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '../ui/button.tsx';
import { Dialog, DialogContent, DialogFooter } from '../ui/dialog.tsx';
import { Input, Textarea } from '../ui/input.tsx';
import { Field } from '../ui/label.tsx';
import { formatBytes, formatSeconds } from '../../lib/bytes.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { ProgressBar } from './progress-bar.tsx';
import { startUpload, type UploadProgress } from './upload-model.ts';

/** "Add Model": pick a file, name and version it, and watch it upload (bytes, rate, time left). */
export function AddModelButton({ applicationId }: { applicationId: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [version, setVersion] = useState('');
  const [description, setDescription] = useState('');
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = useRef<{ abort: () => void } | null>(null);
  const uploading = progress !== null;

  const reset = () => {
    setFile(null);
    setName('');
    setVersion('');
    setDescription('');
    setProgress(null);
    setError(null);
  };
  const cancel = () => {
    upload.current?.abort();
    upload.current = null;
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return setError('Choose the model file to upload.');
    setError(null);
    setProgress({ loaded: 0, total: file.size, bytesPerSecond: 0, secondsLeft: Number.POSITIVE_INFINITY });
    const started = startUpload({ applicationId, name: name.trim(), version: version.trim() || undefined, description: description.trim() || undefined, file, onProgress: setProgress });
    upload.current = started;
    try {
      await started.done;
      toast.success(`Model ${name.trim()} uploaded; copying it to the clusters`);
      await queryClient.invalidateQueries({ queryKey: trpc.model.list.queryKey({ applicationId }) });
      setOpen(false);
      reset();
    } catch (failure) {
      setProgress(null);
      setError(failure instanceof Error ? failure.message : 'The upload failed.');
    } finally {
      upload.current = null;
    }
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus className="h-4 w-4" aria-hidden />
        Add model
      </Button>
      <Dialog
        open={open}
        onOpenChange={(next) => {
          if (!next) cancel();
          setOpen(next);
          if (!next) reset();
        }}
      >
        <DialogContent title="Add model" description="The file streams to the server; each cluster of the application gets a verified copy.">
          <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-4">
            <Field label="Model file" htmlFor="model-file">
              <Input
                id="model-file"
                type="file"
                disabled={uploading}
                onChange={(event) => {
                  const chosen = event.target.files?.[0] ?? null;
                  setFile(chosen);
                  if (chosen && !name) setName(chosen.name.replace(/\.[^.]+$/, '').replace(/^\.+/, ''));
                }}
              />
            </Field>
            <div className="grid grid-cols-2 gap-3">
              <Field label="Name" htmlFor="model-name">
                <Input id="model-name" value={name} onChange={(e) => setName(e.target.value)} disabled={uploading} required maxLength={200} />
              </Field>
              <Field label="Version" htmlFor="model-version" hint="Left empty: the next v1, v2…">
                <Input id="model-version" value={version} onChange={(e) => setVersion(e.target.value)} disabled={uploading} maxLength={100} />
              </Field>
            </div>
            <Field label="Description" htmlFor="model-description">
              <Textarea id="model-description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} disabled={uploading} />
            </Field>
            {progress ? (
              <div className="flex flex-col gap-1.5" aria-live="polite">
                <ProgressBar value={progress.loaded} max={progress.total} label="Upload progress" />
                <p className="text-xs text-slate-600 tabular-nums" data-testid="upload-figures">
                  {formatBytes(progress.loaded)} of {formatBytes(progress.total)} · {formatBytes(progress.bytesPerSecond)}/s · {formatSeconds(progress.secondsLeft)} left
                </p>
              </div>
            ) : null}
            {error ? (
              <p className="text-sm text-red-600" role="alert">
                {error}
              </p>
            ) : null}
            <DialogFooter className="mt-2">
              {uploading ? (
                <Button variant="secondary" onClick={cancel}>
                  Cancel upload
                </Button>
              ) : null}
              <Button type="submit" loading={uploading} disabled={!file}>
                <Upload className="h-4 w-4" aria-hidden />
                Upload
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
