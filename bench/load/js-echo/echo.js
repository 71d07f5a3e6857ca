// The botbuilder-js 4.23 echo bot (the Bot Framework samples' "02.echo-bot" logic) on Node's own http server: the
// load benchmark's second reference. No app id: anonymous auth, as the sample runs locally; replies go to the
// activity's serviceUrl (the Connector stub). Usage: node echo.js <port>
const http = require('http');
const { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } = require('botbuilder');

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const replyText = `Echo: ${context.activity.text}`;
      await context.sendActivity(MessageFactory.text(replyText, replyText));
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => { console.error(error); };
const bot = new EchoBot();
const port = Number(process.argv[2] || 3978);

http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/messages') { res.statusCode = 404; res.end(); return; }
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', async () => {
    try { req.body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { res.statusCode = 400; res.end(); return; }
    // CloudAdapter.process expects restify/express-shaped request and response objects.
    const response = {
      socket: res.socket,
      header: (name, value) => res.setHeader(name, value),
      status: code => { res.statusCode = code; return response; },
      send: body => { if (body !== undefined) { res.setHeader('Content-Type', 'application/json'); res.write(typeof body === 'string' ? body : JSON.stringify(body)); } return response; },
      end: () => res.end(),
    };
    await adapter.process(req, response, context => bot.run(context));
  });
}).listen(port, '127.0.0.1');
