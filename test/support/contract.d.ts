/** The repository's Sigfox API v2 contract, in the official spec's shape (contract/sigfox-api-v2.json). */
export const CONTRACT_PATH: string;
export function loadContract(): {
	paths: Record<string, Record<string, unknown>>;
	definitions: Record<string, unknown>;
};
