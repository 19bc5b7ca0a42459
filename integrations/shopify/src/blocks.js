/**
 * The render response's blocks (blocks[].type, blocks[].value; their shapes
 * are the OpenAPI schema's) as Shopify's checkout components.
 *
 * Calls to action waiting their turn (hidden) are drawn when the one before
 * them in calls_to_action is answered; block types this file does not know
 * are left out.
 */
import {
  BlockStack,
  Button,
  Checkbox,
  Choice,
  ChoiceList,
  Heading,
  Image,
  InlineStack,
  Link,
  List,
  ListItem,
  Text,
  TextBlock,
  TextField,
} from '@shopify/ui-extensions/checkout';

export function renderPage(root, page, helpers) {
  const stack = root.createComponent(BlockStack, {spacing: 'loose'});
  const waiting = new Map(); // hidden calls to action: block id -> its empty place
  const order = page.calls_to_action || [];
  const draw = (block, place) => {
    const rendered = RENDERERS[block.type](root, block.value, {
      ...helpers,
      block,
      // A call to action answered: the next one waiting takes its turn.
      answered: () => {
        // Calls to action this file cannot draw are passed over.
        const later = order.slice(order.indexOf(block.id) + 1);
        const next = waiting.get(later.find((id) => waiting.has(id)));
        if (next) {
          waiting.delete(next.block.id);
          draw(next.block, next.place);
        }
      },
    });
    if (rendered) place.appendChild(rendered);
  };
  for (const block of page.blocks) {
    if (!RENDERERS[block.type]) continue;
    if (block.hidden) {
      const place = root.createComponent(BlockStack, {});
      waiting.set(block.id, {block, place});
      stack.appendChild(place);
    } else {
      draw(block, stack);
    }
  }
  root.appendChild(stack);
}

const c = (root, type, props, ...children) =>
  root.createComponent(type, props || {}, ...children.filter((child) => child != null && child !== ''));

function picture(root, image, alt) {
  if (!image || !image.src) return null;
  return c(root, Image, {source: image.src, accessibilityDescription: alt || ''});
}

function paragraphs(root, text) {
  return (text || '')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => c(root, TextBlock, {}, line));
}

const ENTITIES = {amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0'};

function decode(text) {
  return text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name) => ENTITIES[name]);
}

/** The server's sanitised rich text: paragraphs of text and links, tags dropped. */
export function richText(root, html) {
  const blocks = [];
  for (const part of (html || '').split(/<\/(?:p|h[2-6]|li)>|<br\s*\/?>/)) {
    const children = [];
    const pattern = /<a\s[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/g;
    let last = 0;
    for (const match of part.matchAll(pattern)) {
      children.push(decode(part.slice(last, match.index).replace(/<[^>]*>/g, '')));
      children.push(c(root, Link, {to: decode(match[1])}, decode(match[2].replace(/<[^>]*>/g, ''))));
      last = match.index + match[0].length;
    }
    children.push(decode(part.slice(last).replace(/<[^>]*>/g, '')));
    if (children.some((child) => typeof child !== 'string' || child.trim())) {
      blocks.push(c(root, TextBlock, {}, ...children.filter((child) => child !== '')));
    }
  }
  return blocks;
}

function failed(root, container, translate) {
  container.appendChild(c(root, Text, {appearance: 'critical'}, translate('failed')));
}

const RENDERERS = {
  heading(root, value) {
    return c(
      root,
      BlockStack,
      {spacing: 'tight'},
      c(root, Heading, {level: 1}, value.text),
      value.subtitle ? c(root, Text, {appearance: 'subdued'}, value.subtitle) : null,
    );
  },

  text(root, value) {
    return c(root, BlockStack, {}, ...richText(root, value.text));
  },

  note(root, value) {
    return c(
      root,
      BlockStack,
      {spacing: 'tight'},
      picture(root, value.photo, value.name),
      value.greeting ? c(root, TextBlock, {emphasis: 'bold'}, value.greeting) : null,
      ...paragraphs(root, value.message),
      picture(root, value.signature, value.name),
      c(root, Text, {}, [value.name, value.role].filter(Boolean).join(', ')),
    );
  },

  next_steps(root, value) {
    return c(
      root,
      BlockStack,
      {},
      c(root, Heading, {level: 2}, value.heading),
      c(
        root,
        List,
        {marker: 'number'},
        ...value.steps.map((step) =>
          c(
            root,
            ListItem,
            {},
            c(
              root,
              BlockStack,
              {spacing: 'extraTight'},
              c(root, Text, {emphasis: 'bold'}, step.title),
              step.date_text ? c(root, Text, {appearance: 'accent'}, step.date_text) : null,
              step.text ? c(root, Text, {appearance: 'subdued'}, step.text) : null,
            ),
          ),
        ),
      ),
      value.tracking_url
        ? c(root, Link, {to: value.tracking_url, external: true}, value.tracking_label || value.tracking_url)
        : null,
    );
  },

  packing_steps(root, value) {
    return c(
      root,
      BlockStack,
      {},
      c(root, Heading, {level: 2}, value.heading),
      ...value.steps.map((step) =>
        c(
          root,
          BlockStack,
          {spacing: 'tight'},
          picture(root, step.image, step.alt),
          c(root, Text, {emphasis: 'bold'}, step.title),
          step.text ? c(root, Text, {}, step.text) : null,
        ),
      ),
    );
  },

  image(root, value) {
    return c(
      root,
      BlockStack,
      {spacing: 'tight'},
      picture(root, value.image, value.alt),
      value.caption ? c(root, Text, {appearance: 'subdued'}, value.caption) : null,
    );
  },

  gift(root, value) {
    return c(
      root,
      BlockStack,
      {},
      c(root, Heading, {level: 2}, value.heading),
      picture(root, value.image, value.alt),
      ...paragraphs(root, value.text),
    );
  },

  // Checkout has no video player: the poster links to the video.
  video(root, value, {translate}) {
    const url = value.watch || value.src;
    return c(
      root,
      BlockStack,
      {spacing: 'tight'},
      value.title ? c(root, Heading, {level: 2}, value.title) : null,
      value.poster ? c(root, Image, {source: value.poster, accessibilityDescription: value.title || ''}) : null,
      url ? c(root, Link, {to: url, external: true}, translate('watchVideo')) : null,
      value.caption ? c(root, Text, {appearance: 'subdued'}, value.caption) : null,
    );
  },

  tips(root, value) {
    return c(
      root,
      BlockStack,
      {},
      c(root, Heading, {level: 2}, value.title),
      picture(root, value.cover, value.title),
      value.description ? c(root, Text, {}, value.description) : null,
      value.download_url
        ? c(
            root,
            Link,
            {to: value.download_url, external: true},
            [value.link_label, value.file_size_text && `(${value.file_size_text})`].filter(Boolean).join(' '),
          )
        : null,
    );
  },

  // The customer's code to pass on, and the landing page that carries it.
  referral(root, value) {
    return c(
      root,
      BlockStack,
      {},
      c(root, Heading, {level: 2}, value.heading),
      ...paragraphs(root, value.text),
      c(root, InlineStack, {}, c(root, Text, {emphasis: 'bold'}, value.code)),
      value.link ? c(root, Link, {to: value.link, external: true}, value.link) : null,
    );
  },

  account_prompt(root, value) {
    return c(
      root,
      BlockStack,
      {},
      c(root, Heading, {level: 2}, value.heading),
      ...paragraphs(root, value.text),
      value.benefits.length ? c(root, List, {}, ...value.benefits.map((b) => c(root, ListItem, {}, b))) : null,
      c(root, Button, {to: value.registration_url}, value.button_label),
    );
  },

  quiz(root, value, {post, block, translate, answered}) {
    const container = c(root, BlockStack, {}, c(root, Heading, {level: 2}, value.heading));
    const outcome = (result) => [
      c(root, Text, {emphasis: 'bold'}, result.title),
      c(root, Text, {}, result.text),
      result.feedback ? c(root, Text, {appearance: 'subdued'}, result.feedback) : null,
    ];
    if (value.done) {
      const done = value.outcomes.find((o) => o.key === value.done.outcome) || value.done;
      container.appendChild(c(root, BlockStack, {}, ...outcome(done)));
      return container;
    }
    const answers = value.questions.map(() => null);
    const form = c(root, BlockStack, {}, ...(value.intro ? [c(root, Text, {}, value.intro)] : []));
    value.questions.forEach((question, index) => {
      form.appendChild(
        c(
          root,
          ChoiceList,
          {
            name: `${block.id}-${index}`,
            value: '',
            onChange: (chosen) => {
              answers[index] = Number(chosen);
            },
          },
          c(
            root,
            BlockStack,
            {spacing: 'tight'},
            c(root, Text, {emphasis: 'bold'}, question.question),
            ...question.options.map((option, i) => c(root, Choice, {id: String(i)}, option.label)),
          ),
        ),
      );
    });
    const submit = c(root, Button, {
      onPress: async () => {
        if (answers.includes(null)) return;
        submit.updateProps({loading: true});
        try {
          const result = await post('quiz', {block: block.id, answers});
          container.replaceChildren(c(root, Heading, {level: 2}, value.heading), ...outcome(result).filter(Boolean));
          answered();
        } catch {
          submit.updateProps({loading: false});
          failed(root, container, translate);
        }
      },
    }, value.button_label);
    form.appendChild(submit);
    container.appendChild(form);
    return container;
  },

  survey(root, value, {post, block, translate, answered}) {
    const container = c(root, BlockStack, {}, c(root, Heading, {level: 2}, value.question));
    if (value.done) {
      container.appendChild(c(root, Text, {}, value.thanks));
      return container;
    }
    let option = null;
    let other = '';
    const choices = value.options.map((o) => c(root, Choice, {id: o.key}, o.label));
    if (value.other) choices.push(c(root, Choice, {id: 'other'}, value.other_label));
    container.appendChild(
      c(root, ChoiceList, {name: block.id, value: '', onChange: (chosen) => { option = chosen; }},
        c(root, BlockStack, {spacing: 'tight'}, ...choices)),
    );
    if (value.other) {
      container.appendChild(
        c(root, TextField, {label: translate('otherLabel'), onChange: (text) => { other = text; }}),
      );
    }
    const submit = c(root, Button, {
      onPress: async () => {
        if (!option) return;
        const answer = option === 'other' ? {option, other} : {option};
        try {
          await post('survey', {block: block.id, ...answer});
          container.replaceChildren(c(root, Text, {}, value.thanks));
          answered();
        } catch {
          failed(root, container, translate);
        }
      },
    }, value.button_label);
    container.appendChild(submit);
    return container;
  },

  gift_code(root, value, {post, block, answered}) {
    const container = c(root, BlockStack, {}, c(root, Heading, {level: 2}, value.heading), ...paragraphs(root, value.text));
    const show = (code) =>
      c(root, InlineStack, {}, c(root, Text, {}, value.code_label), c(root, Text, {emphasis: 'bold'}, code));
    if (value.done && value.done.code) {
      container.appendChild(show(value.done.code));
      return container;
    }
    const reveal = c(root, Button, {
      onPress: async () => {
        try {
          const result = await post('gift', {block: block.id});
          container.replaceChildren(c(root, Heading, {level: 2}, value.heading), show(result.code));
          answered();
        } catch {
          container.replaceChildren(c(root, Heading, {level: 2}, value.heading), c(root, Text, {}, value.empty_text));
        }
      },
    }, value.button_label);
    container.appendChild(reveal);
    if (value.note) container.appendChild(c(root, Text, {appearance: 'subdued'}, value.note));
    return container;
  },

  newsletter_prompt(root, value, {post, block, translate, answered}) {
    const container = c(root, BlockStack, {}, c(root, Heading, {level: 2}, value.heading), ...paragraphs(root, value.text));
    if (value.done) {
      container.appendChild(c(root, Text, {}, value.thanks));
      return container;
    }
    let email = '';
    let consent = false;
    container.appendChild(c(root, TextField, {label: translate('emailLabel'), type: 'email', onChange: (text) => { email = text; }}));
    container.appendChild(c(root, Checkbox, {onChange: (checked) => { consent = checked; }}, value.consent_text));
    if (value.privacy_url) container.appendChild(c(root, Link, {to: value.privacy_url, external: true}, value.privacy_url));
    const submit = c(root, Button, {
      onPress: async () => {
        if (!consent || !email) return;
        try {
          await post('newsletter', {block: block.id, email, consent});
          container.replaceChildren(c(root, Text, {}, value.thanks));
          answered();
        } catch {
          failed(root, container, translate);
        }
      },
    }, value.button_label);
    container.appendChild(submit);
    return container;
  },
};
