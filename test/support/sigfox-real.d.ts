export interface RealSigfoxFixture {
	/** The file name under test/fixtures/sigfox-real/. */
	name: string;
	source: { kind?: string; [key: string]: unknown };
	about?: string;
	callbacks?: Array<{ kind: string; variables: Record<string, string>; [key: string]: unknown }>;
	api?: Array<{ route: string; status: number; answer: unknown; complete?: boolean }>;
}

export const FIXTURES: string;
export function realSigfoxFixtures(): RealSigfoxFixture[];
export function listedMessages(answer: unknown): Array<Record<string, unknown>>;
