import { handleModelUpload } from '../../../../server/http/model-upload.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function POST(req: Request): Promise<Response> {
  return handleModelUpload(req);
}
