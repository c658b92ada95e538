import type { INodeProperties } from 'n8n-workflow';

import type { CatalogueField, CatalogueResource } from './types';
import { choice, degrees, jobIdField, collection } from './common';
import { ENDPOINTS } from '../../shared/endpoints';

/** The location every coverage reading is about. */
const location = [
	degrees('query', 'Latitude', 'lat', '-90 to 90'),
	degrees('query', 'Longitude', 'lng', '-180 to 180'),
];

const radius: INodeProperties = {
	displayName: 'Radius (Meters)',
	name: 'radius',
	type: 'number',
	default: 300,
	description: 'The radius around each location that is considered',
};

const groupId: INodeProperties = {
	displayName: 'Group ID',
	name: 'groupId',
	type: 'string',
	default: '',
	description: 'The group whose operator network counts (for multi-operator accounts)',
};

/** The options one prediction and a bulk prediction share; only where they go differs. */
const predictionOptions = (where: 'query' | 'body'): CatalogueField =>
	collection('options', where, [groupId, radius], { optionFormats: { groupId: 'objectId' } });

export const coverage: CatalogueResource = {
	value: 'coverage',
	name: 'Coverage',
	operations: [
		{
			value: 'getPrediction',
			name: 'Get Prediction',
			action: 'Get the coverage prediction at a location',
			description:
				'Whether a location is covered, with the margins (dB) for 1, 2 and 3 base stations. Sigfox allows 10 per minute.',
			kind: 'single',
			endpoint: ENDPOINTS.getCoveragePredictions,
			fields: [...location, predictionOptions('query')],
		},
		{
			value: 'startBulkPrediction',
			name: 'Start Bulk Prediction',
			action: 'Start a coverage prediction job for many locations',
			description:
				'Start a Sigfox job predicting the coverage of many locations and optionally wait for it: one item per location. Sigfox allows 5 jobs per 5 minutes.',
			kind: 'job',
			endpoint: ENDPOINTS.createBulkPrediction,
			statusEndpoint: ENDPOINTS.getBulkPredictionJob,
			results: 'predictions',
			fields: [
				{
					in: 'body',
					encoding: 'locations',
					property: {
						displayName: 'Locations',
						name: 'locations',
						type: 'json',
						default: '[{"lat": 43.6, "lng": 1.44}]',
						required: true,
						description:
							'The locations as a JSON array of {"lat", "lng"} in degrees. To send the locations of all input items in one job, build the array with an expression over $input.all() and turn on Execute Once.',
					},
				},
				predictionOptions('body'),
			],
		},
		{
			value: 'getBulkPrediction',
			name: 'Get Bulk Prediction',
			action: 'Get the results of a coverage prediction job',
			description:
				'Read a coverage prediction job: one item per location once it is done, else one item saying it is running',
			kind: 'jobStatus',
			endpoint: ENDPOINTS.getBulkPredictionJob,
			results: 'predictions',
			fields: [jobIdField],
		},
		{
			value: 'getRedundancy',
			name: 'Get Operator Redundancy',
			action: 'Get the operator redundancy at a location',
			description:
				'How many base stations of an operator cover a location (0 to 3, 3 meaning three or more)',
			kind: 'single',
			endpoint: ENDPOINTS.getOperatorRedundancy,
			fields: [
				...location,
				collection(
					'options',
					'query',
					[
						choice('deviceClass', {
							displayName: 'Device Class',
							name: 'deviceClassId',
							default: 0,
							description: 'The uplink class of the device',
						}),
						{
							displayName: 'Device Situation',
							name: 'deviceSituation',
							type: 'options',
							default: 'INDOOR',
							options: [
								{ name: 'Indoor (20 dB Margin)', value: 'INDOOR' },
								{ name: 'Outdoor', value: 'OUTDOOR' },
								{ name: 'Underground (30 dB Margin)', value: 'UNDERGROUND' },
							],
						},
						{
							displayName: 'Operator ID',
							name: 'operatorId',
							type: 'string',
							default: '',
							description: 'Required for root Sigfox users only',
						},
					],
					{ optionFormats: { operatorId: 'objectId' } },
				),
			],
		},
	],
};
