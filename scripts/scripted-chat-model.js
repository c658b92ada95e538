'use strict';
/**
 * A scripted OpenAI-compatible chat-completions server on 127.0.0.1: no model, it answers from a script. The agent e2e
 * (test/e2e/agent.e2e.test.js) and the agent example's screenshot (scripts/docs-screenshots.js) point n8n's OpenAI chat
 * model credential (base URL) at it.
 *
 * A script is chosen by a key the user's message contains (`[scenario:<key>]`). It is a list of turns: each turn either
 * calls tools (`{ toolCalls: [{ name, args }] }`) or answers (`{ content }`). Which turn answers a request is the number
 * of tool results already in the conversation after the last user message, so the script follows the agent's loop.
 * A turn may be a function of the conversation so far (e.g. to answer with what a tool returned).
 *
 * Every request is recorded with its scenario, the tools it offered and the tool results it carried back: what the
 * model "received back" from n8n.
 */
const http = require('node:http');

const SCENARIO = /\[scenario:([a-z0-9-]+)\]/i;

function contentText(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => part.text ?? '').join('');
	return '';
}

function scriptedChatModel(scripts) {
	const requests = [];
	let callCounter = 0;

	function answer(body) {
		const messages = body.messages ?? [];
		let lastUser = -1;
		messages.forEach((m, i) => {
			if (m.role === 'user') lastUser = i;
		});
		const userText = lastUser >= 0 ? contentText(messages[lastUser].content) : '';
		const scenario = SCENARIO.exec(userText)?.[1];
		const toolResults = messages
			.slice(lastUser + 1)
			.filter((m) => m.role === 'tool')
			.map((m) => ({ toolCallId: m.tool_call_id, content: contentText(m.content) }));
		const record = {
			scenario,
			userText,
			tools: (body.tools ?? []).map((t) => ({
				name: t.function?.name,
				description: t.function?.description,
				parameters: t.function?.parameters,
			})),
			toolResults,
			body,
		};
		requests.push(record);
		const script = scripts[scenario];
		if (!script) return { content: `No script for scenario ${scenario ?? '(none)'}` };
		let turn = script[Math.min(toolResults.length, script.length - 1)];
		if (typeof turn === 'function') turn = turn(record);
		return turn;
	}

	function completion(body, turn) {
		const message = { role: 'assistant', content: turn.content ?? null };
		let finish = 'stop';
		if (turn.toolCalls) {
			finish = 'tool_calls';
			message.content = null;
			message.tool_calls = turn.toolCalls.map((call) => ({
				id: `call_${++callCounter}`,
				type: 'function',
				function: { name: call.name, arguments: JSON.stringify(call.args ?? {}) },
			}));
		}
		return {
			id: `chatcmpl-scripted-${callCounter}-${Date.now()}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: body.model ?? 'scripted',
			choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
			usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
		};
	}

	/** The same answer as a server-sent event stream, for a client that asks for `stream: true`. */
	function streamChunks(full) {
		const { message, finish_reason } = full.choices[0];
		const base = {
			id: full.id,
			object: 'chat.completion.chunk',
			created: full.created,
			model: full.model,
		};
		const delta = { role: 'assistant' };
		if (message.content) delta.content = message.content;
		if (message.tool_calls)
			delta.tool_calls = message.tool_calls.map((c, index) => ({ index, ...c }));
		return [
			{ ...base, choices: [{ index: 0, delta, finish_reason: null }] },
			{ ...base, choices: [{ index: 0, delta: {}, finish_reason }], usage: full.usage },
		];
	}

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const url = new URL(req.url, 'http://127.0.0.1');
			if (req.method === 'GET' && url.pathname.endsWith('/models')) {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ object: 'list', data: [{ id: 'scripted', object: 'model' }] }));
				return;
			}
			if (req.method !== 'POST' || !url.pathname.endsWith('/chat/completions')) {
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: `no route ${req.method} ${url.pathname}` } }));
				return;
			}
			let body;
			try {
				body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			} catch {
				res.writeHead(400, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: 'body is not JSON' } }));
				return;
			}
			const full = completion(body, answer(body));
			if (body.stream) {
				res.writeHead(200, { 'content-type': 'text/event-stream' });
				for (const chunk of streamChunks(full)) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
				res.end('data: [DONE]\n\n');
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(full));
		});
	});

	return {
		requests,
		/** The recorded requests of one scenario. */
		of: (scenario) => requests.filter((r) => r.scenario === scenario),
		baseUrl: undefined,
		async listen(port = 0) {
			await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
			this.baseUrl = `http://127.0.0.1:${server.address().port}/v1`;
			return this.baseUrl;
		},
		async close() {
			server.closeAllConnections?.();
			await new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

module.exports = { scriptedChatModel };
