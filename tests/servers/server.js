// SPDX-License-Identifier: GPL-2.0-or-later
// A tiny Node.js HTTP server for tests/220-servers-node.bats: node server.js ADDRESS PORT.
// It answers with its uid, so the test can tell who served the request.
'use strict';
const http = require('http');

const [host, port] = process.argv.slice(2);
const server = http.createServer((req, res) => {
	res.end(`node uid=${process.getuid()} url=${req.url}\n`);
});
server.on('error', (err) => {
	console.error(`server.js: ${err.message}`);
	process.exit(1);
});
server.listen(Number(port), host, () => {
	console.log(`listening on ${host} port ${server.address().port}`);
});
