import type { CatalogueField, CatalogueOperation, CatalogueResource } from './types';
import { degrees, jobIdField } from './common';
import { ENDPOINTS } from '../../shared/endpoints';
import { rulesOf } from '../../shared/endpoints/bounds';

const KMZ = { fileName: 'tiles.kmz', mimeType: 'application/vnd.google-earth.kmz' };

/** The KMZ extract: zoom and bounds, in decimal degrees (docs/sigfox/api.md#kmz). */
const kmzArea: CatalogueField[] = [
	{
		in: 'query',
		property: {
			displayName: 'Zoom',
			name: 'zoom',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 11 },
			default: 6,
			required: true,
			description: 'The zoom level of the tiles, 0 to 11',
		},
	},
	degrees('query', 'North', 'north', '-90 to 90'),
	degrees('query', 'South', 'south', '-90 to 90'),
	degrees('query', 'West', 'west', '-180 to 180'),
	degrees('query', 'East', 'east', '-180 to 180'),
];

/** The coverage modes the contract lists for a Monarch KMZ job. */
const coverageModes =
	rulesOf(ENDPOINTS.createMonarchKmz).body?.properties?.coverageMode?.enum ?? [];

const download = (
	operation: Omit<Extract<CatalogueOperation, { kind: 'binary' }>, 'kind' | 'file'>,
): CatalogueOperation => ({ ...operation, kind: 'binary', file: KMZ });

export const tiles: CatalogueResource = {
	value: 'tiles',
	name: 'Tiles',
	operations: [
		{
			value: 'getPublicCoverage',
			name: 'Get Public Coverage',
			action: 'Get the public coverage tiles',
			description:
				'Get what a map needs to show Sigfox public coverage: tile URL template and bounds',
			kind: 'single',
			endpoint: ENDPOINTS.getPublicCoverageTiles,
			fields: [],
		},
		download({
			value: 'downloadPublicCoverageKmz',
			name: 'Download Public Coverage KMZ',
			action: 'Download the public coverage as a KMZ file',
			description:
				'Download Sigfox public coverage of an area as a KMZ file (binary data tiles.kmz), always available',
			endpoint: ENDPOINTS.getPublicCoverageKmzFile,
			fields: kmzArea,
		}),
		{
			value: 'getMonarch',
			name: 'Get Monarch Coverage',
			action: 'Get the Monarch coverage tiles',
			description:
				'Get what a map needs to show Sigfox Monarch coverage: tile URL template and bounds',
			kind: 'single',
			endpoint: ENDPOINTS.getMonarchTiles,
			fields: [],
		},
		{
			value: 'startMonarchKmz',
			name: 'Start Monarch KMZ',
			action: 'Start computing the Monarch coverage KMZ',
			description:
				'Start a Sigfox job computing Monarch coverage for a KMZ export, and optionally wait until it is ready to download',
			kind: 'job',
			endpoint: ENDPOINTS.createMonarchKmz,
			statusEndpoint: ENDPOINTS.getMonarchKmzJob,
			results: 'kmzJob',
			fields: [
				{
					in: 'body',
					property: {
						displayName: 'Coverage Mode',
						name: 'coverageMode',
						type: 'options',
						default: 'OVERLAP_OUTDOOR',
						description:
							'Indoor or outdoor coverage, for any device or for an uplink class (U1–U3)',
						options: coverageModes.map((mode) => ({ name: mode, value: mode })),
					},
				},
			],
		},
		{
			value: 'getMonarchKmzStatus',
			name: 'Get Monarch KMZ Status',
			action: 'Get the status of a Monarch KMZ job',
			description: 'Read whether a Monarch coverage KMZ job is done',
			kind: 'jobStatus',
			endpoint: ENDPOINTS.getMonarchKmzJob,
			results: 'kmzJob',
			fields: [jobIdField],
		},
		download({
			value: 'downloadMonarchKmz',
			name: 'Download Monarch KMZ',
			action: 'Download the Monarch coverage as a KMZ file',
			description:
				'Download the Monarch coverage a finished job computed, for an area, as a KMZ file (binary data tiles.kmz)',
			endpoint: ENDPOINTS.getMonarchKmzFile,
			fields: [jobIdField, ...kmzArea],
		}),
	],
};
