const PRIVATE_HOST =
	/^(localhost|.*\.localhost|.*\.local|.*\.internal|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|\[f[cd][0-9a-f:]*\])$/i;

/**
 * Whether Sigfox can call a webhook URL: the real Sigfox Cloud calls only public HTTPS addresses with
 * CA-signed certificates (docs/sigfox/callbacks.md#security); another API base URL (a simulator) is
 * reached over anything.
 */
export function sigfoxCanCall(apiBaseUrl: unknown, webhookUrl: string): boolean {
	let apiHost: string;
	try {
		apiHost = new URL(String(apiBaseUrl)).hostname;
	} catch {
		return true;
	}
	if (!/(^|\.)sigfox\.com$/i.test(apiHost)) return true;
	const webhook = new URL(webhookUrl);
	return webhook.protocol === 'https:' && !PRIVATE_HOST.test(webhook.hostname);
}
