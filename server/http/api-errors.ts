/** An error in the shape tRPC answers with, for refusals made before a request reaches tRPC. */
export function apiError(status: number, code: string, message: string): Response {
  return Response.json({ error: { message, code: -32600, data: { code, httpStatus: status } } }, { status, headers: { 'cache-control': 'no-store' } });
}
