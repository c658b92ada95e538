export { sigfoxApiError } from './errors';
export type { FailedRequest } from './errors';
export { sigfoxPages } from './pages';
export { sigfoxRequest, SIGFOX_CREDENTIAL } from './request';
export type { SigfoxContext, SigfoxRequest, SigfoxResponse } from './request';
