/**
 * The thank-you page on Shopify's thank-you page: Shopify runs no foreign
 * script there, so this checkout UI extension asks the thank-you page server
 * for the order's blocks and renders them with Shopify's components.
 *
 * The server is sent Shopify's session token and the order's id and total
 * only: it reads the order's facts from the shop's Admin API itself.
 */
import {extension} from '@shopify/ui-extensions/checkout';

import {renderPage} from './blocks.js';

export default extension('purchase.thank-you.block.render', async (root, api) => {
  const server = (api.settings.current.server_url || '').trim().replace(/\/+$/, '');
  if (!/^https?:\/\//.test(server)) {
    console.warn('thank-you page: set the extension\'s "Thank-you page server" setting');
    return;
  }
  const page = await fetchPage(server, api);
  if (page) {
    renderPage(root, page, {
      translate: (key) => api.i18n.translate(key),
      post: (action, body) => postAction(server, action, {action_token: page.action_token, ...body}),
    });
    // The thank-you page shows the block at once: the page was seen (analytics, A/B tests).
    const events = {action_token: page.action_token, events: [{type: 'view'}]};
    post(`${server}/api/v1/events`, events).catch(() => {});
  }
});

async function fetchPage(server, api) {
  const confirmation = api.orderConfirmation.current;
  const body = {
    session_token: await api.sessionToken.get(),
    order_id: confirmation.order.id,
    total: String(api.cost.totalAmount.current.amount),
  };
  try {
    const response = await post(`${server}/api/v1/shopify/render`, body);
    if (response.status === 204) return null; // no page targets this order
    const data = await response.json();
    if (!response.ok) {
      // The page stays as Shopify shows it; the server's error names the cause.
      console.warn(`thank-you page: ${response.status} ${data.code}: ${data.detail}`);
      return null;
    }
    return data;
  } catch (error) {
    console.warn(`thank-you page: the server did not answer (${error})`);
    return null;
  }
}

async function postAction(server, action, body) {
  const response = await post(`${server}/api/v1/actions/${action}`, body);
  const data = await response.json();
  if (!response.ok) throw new Error(`${response.status} ${data.code}`);
  return data;
}

// text/plain: a simple request, no preflight (Shopify's sandbox origin may change).
function post(url, body) {
  return fetch(url, {
    method: 'POST',
    headers: {'Content-Type': 'text/plain'},
    body: JSON.stringify(body),
  });
}
