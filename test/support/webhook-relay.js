// A local HTTP server standing in for n8n's webhook endpoint in in-process trigger tests: it hands
// each request to a handler (the trigger's webhook() run in an n8n WebhookContext) and sends back
// what the handler answered, so that the simulator's real HTTP deliveries reach the trigger.
const http = require('node:http');

async function startWebhookRelay(handler) {
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', async () => {
			const rawBody = Buffer.concat(chunks);
			let body = {};
			if (/json/i.test(req.headers['content-type'] ?? '') && rawBody.length > 0) {
				try {
					body = JSON.parse(rawBody.toString('utf8'));
				} catch {
					res.writeHead(400, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ message: 'invalid JSON' }));
					return;
				}
			}
			try {
				const answer = await handler({
					method: req.method,
					path: new URL(req.url, 'http://127.0.0.1').pathname,
					headers: req.headers,
					body,
					rawBody,
					ip: req.socket.remoteAddress,
				});
				res.writeHead(answer.status, answer.headers ?? {});
				res.end(answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
			} catch (error) {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ message: String(error && error.message) }));
			}
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		origin: `http://127.0.0.1:${port}`,
		close() {
			return new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			});
		},
	};
}

module.exports = { startWebhookRelay };
