import { authorizationsOption, collection, objectIdPath, readOptions } from './common';
import type { CatalogueResource } from './types';
import { ENDPOINTS } from '../../shared/endpoints';

const operatorPath = objectIdPath(
	'Operator ID',
	'operatorId',
	'The ID of the operator (24 hexadecimal characters); operator accounts only',
);

const integerOption = (displayName: string, name: string, description: string) => ({
	displayName,
	name,
	type: 'number' as const,
	default: 0,
	description,
});

export const operator: CatalogueResource = {
	value: 'operator',
	name: 'Operator',
	operations: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get an operator',
			description: 'Retrieve the settings of a Sigfox operator (operator accounts only)',
			kind: 'single',
			endpoint: ENDPOINTS.getOperator,
			fields: [operatorPath, readOptions(ENDPOINTS.getOperator, [authorizationsOption])],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update an operator',
			description:
				'Change the radio and alert settings of a Sigfox operator (operator accounts only)',
			kind: 'single',
			endpoint: ENDPOINTS.updateOperator,
			fields: [
				operatorPath,
				collection('updateFields', 'body', [
					integerOption(
						'Alert Time',
						'alertTime',
						'How long before an alert is raised, in seconds (300 to 86400)',
					),
					{
						displayName: 'Antenna',
						name: 'antenna',
						type: 'collection',
						placeholder: 'Add Antenna Field',
						default: {},
						description: 'The antenna Sigfox records for the operator',
						options: [
							{
								displayName: 'Model',
								name: 'model',
								type: 'string',
								default: '',
								description: 'The model of the antenna',
							},
						],
					},
					integerOption('Max dB', 'maxDb', 'The highest signal level, in dBm (-170 to 0)'),
					integerOption('Min dB', 'minDb', 'The lowest signal level, in dBm (-170 to 0)'),
					{
						displayName: 'Request Tracker Base URL',
						name: 'requestTrackerBaseUrl',
						type: 'string',
						default: '',
						description: 'The base URL of the operator’s request tracker',
					},
					integerOption(
						'Transmitter Power',
						'transmitterPower',
						'The transmitter power (TRP) of the base stations, in mW (0 to 1000)',
					),
				]),
			],
			notOffered: {
				telecommunicationStandard:
					'Sigfox names a telecommunication standard by an ID that no route of the API lists (Operator → Get with Include shows only the operator’s own), so a workflow could only send back the one the operator has.',
			},
		},
	],
};
