/**
 * Runs the built extension as Shopify's checkout would, without Shopify: a
 * `shopify` global that takes the extension's registration, the extension
 * API's values for one order, and @remote-ui/core's receiver (the library
 * Shopify's host uses) to record the component tree the extension mounts.
 *
 * stdin: {bundle, settings, sessionToken, orderId, total, currency, language,
 *         responses: [{status, body}] (what fetch answers, in turn),
 *         steps: [{change: {name, value}} | {press: label}]}
 * stdout: {requests: [{url, method, headers, body}], tree: [...]}
 */
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

import {KIND_TEXT, createRemoteReceiver} from '@remote-ui/core';
import * as checkout from '@shopify/ui-extensions/checkout';

const here = dirname(fileURLToPath(import.meta.url));
const input = JSON.parse(readFileSync(0, 'utf8'));
const locales = {
  en: JSON.parse(readFileSync(join(here, '..', 'locales', 'en.default.json'), 'utf8')),
  de: JSON.parse(readFileSync(join(here, '..', 'locales', 'de.json'), 'utf8')),
};

const requests = [];
const responses = [...input.responses];
globalThis.fetch = async (url, init) => {
  requests.push({url, method: init.method, headers: init.headers, body: JSON.parse(init.body)});
  const answer = responses.shift() || {status: 599, body: {code: 'no_answer_recorded'}};
  return {
    status: answer.status,
    ok: answer.status >= 200 && answer.status < 300,
    json: async () => answer.body,
  };
};
const warnings = [];
console.warn = (message) => warnings.push(String(message));

const registered = {};
globalThis.shopify = {extend: (target, implementation) => (registered[target] = implementation)};
await import(pathToFileURL(input.bundle).href);
const render = registered['purchase.thank-you.block.render'];
if (!render) throw new Error('the extension registered no purchase.thank-you.block.render');

const subscribable = (current) => ({current, subscribe: () => () => {}});
const api = {
  settings: subscribable(input.settings),
  sessionToken: {get: async () => input.sessionToken},
  orderConfirmation: subscribable({order: {id: input.orderId}, number: input.orderNumber}),
  cost: {totalAmount: subscribable({amount: input.total, currencyCode: input.currency})},
  localization: {language: subscribable({isoCode: input.language})},
  i18n: {translate: (key) => locales[input.language]?.[key] ?? locales.en[key] ?? key},
};

const receiver = createRemoteReceiver();
const components = Object.values(checkout).filter((value) => typeof value === 'string');
await render({channel: receiver.receive, components}, api);
await receiver.flush();

function* walk(node) {
  yield node;
  for (const child of node.children || []) yield* walk(child);
}

function textOf(node) {
  if (node.kind === KIND_TEXT) return node.text;
  return (node.children || []).map(textOf).join('');
}

for (const step of input.steps || []) {
  const nodes = [...walk(receiver.attached.root)];
  if (step.change) {
    const node = nodes.find((n) => n.props?.name === step.change.name || n.props?.label === step.change.name);
    if (!node) throw new Error(`no field named ${step.change.name}`);
    node.props.onChange(step.change.value);
  } else if (step.press) {
    const node = nodes.find((n) => n.type === 'Button' && textOf(n) === step.press);
    if (!node) throw new Error(`no button ${step.press}`);
    await node.props.onPress();
  }
  await receiver.flush();
}

function plain(node) {
  if (node.kind === KIND_TEXT) return node.text;
  const props = Object.fromEntries(
    Object.entries(node.props || {}).filter(([, value]) => typeof value !== 'function'),
  );
  return {type: node.type, props, children: (node.children || []).map(plain)};
}

process.stdout.write(
  JSON.stringify({requests, warnings, tree: receiver.attached.root.children.map(plain)}),
);
