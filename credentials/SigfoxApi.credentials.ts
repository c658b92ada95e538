import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class SigfoxApi implements ICredentialType {
	name = 'sigfoxApi';

	displayName = 'Sigfox API';

	icon: Icon = { light: 'file:../icons/sigfox.svg', dark: 'file:../icons/sigfox.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-sigfox/n8n-nodes-sigfox#credentials-a-sigfox-api-user';

	properties: INodeProperties[] = [
		{
			displayName: 'Login',
			name: 'login',
			type: 'string',
			default: '',
			required: true,
			description:
				'Login (ID) of the Sigfox API user, from Group → API access in the Sigfox portal',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Password (access token) of the Sigfox API user',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.sigfox.com/v2',
			description:
				'Sigfox API v2 endpoint. Change it only to reach another endpoint or a local Sigfox simulator.',
		},
		{
			displayName: 'Rate Limiting',
			name: 'rateLimiting',
			type: 'options',
			default: 'documented',
			description: 'How requests are spaced to respect Sigfox rate limits',
			options: [
				{
					name: 'Sigfox Documented Limits',
					value: 'documented',
					description:
						"Space requests so that one execution never exceeds Sigfox's published limits, and wait when Sigfox answers 429",
				},
				{
					name: 'Only When the Server Says So',
					value: 'serverSignals',
					description:
						'Send at once and only wait when the server answers 429 (for simulators and tests)',
				},
			],
		},
	];

	/**
	 * HTTP Basic with the API user's login and password. A function rather than n8n's declarative form: n8n
	 * resolves the declarative form's expressions on every request, a measurable share of each page of a
	 * long list (BENCHMARKS.md#fleet-scale), for the same header.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			auth: { username: String(credentials.login), password: String(credentials.password) },
		};
	}

	// Listing one device type is a cheap read that every API-user profile may do (docs/sigfox/api.md#credential-test).
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/device-types/',
			method: 'GET',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Sigfox refused the login or password. Check both against the API user in Group → API access of the Sigfox portal.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						"The login and password work, but the API user's profile may not read device types. Give the API user a profile such as Device Manager [R].",
				},
			},
		],
	};
}
