/**
 * Pushed LINE messages as HTML for the dev inbox: text, template (buttons, confirm, carousel) and
 * Flex (bubble and carousel; box, text, span, image, icon, button, separator, filler), close
 * enough to read and tap, not pixel-exact. Actions: `uri` becomes a link (LIFF URLs are mapped to
 * the local app), `postback` and `message` become buttons the page turns into webhooks.
 */
import type { messagingApi } from '@line/bot-sdk';

type Action = messagingApi.Action;
type FlexComponent = messagingApi.FlexComponent;

const TEXT_SIZES: Record<string, string> = {
  xxs: '11px',
  xs: '13px',
  sm: '14px',
  md: '16px',
  lg: '19px',
  xl: '22px',
  xxl: '29px',
  '3xl': '35px',
  '4xl': '48px',
  '5xl': '74px',
};
const SPACES: Record<string, string> = {
  none: '0',
  xs: '2px',
  sm: '4px',
  md: '8px',
  lg: '12px',
  xl: '16px',
  xxl: '20px',
};
const IMAGE_SIZES: Record<string, string> = {
  xxs: '40px',
  xs: '60px',
  sm: '80px',
  md: '100px',
  lg: '120px',
  xl: '140px',
  xxl: '160px',
  '3xl': '180px',
  '4xl': '200px',
  '5xl': '220px',
  full: '100%',
};
const BUBBLE_WIDTHS: Record<string, string> = {
  nano: '120px',
  micro: '160px',
  deca: '220px',
  hecto: '241px',
  kilo: '260px',
  mega: '300px',
  giga: '500px',
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Where a link in a message opens locally: `https://liff.line.me/<liffId>/<path>` and
 * `line://app/<liffId>/<path>` become `<appOrigin>/<path>` (a `liff.state` query is unwrapped the
 * way liff.init() would); http(s) links stay; other schemes have no local meaning.
 */
export function localLink(uri: string, appOrigin: string): string | undefined {
  const liff = /^(?:https:\/\/liff\.line\.me|line:\/\/app)\/[^/?#]+(.*)$/.exec(uri);
  if (liff) {
    const url = new URL(liff[1]!.replace(/^(?!\/)/, '/'), appOrigin);
    const state = url.searchParams.get('liff.state');
    return state ? new URL(state, appOrigin).href : url.href;
  }
  return /^(https?|tel|mailto):/.test(uri) ? uri : undefined;
}

export function messageHtml(message: messagingApi.Message, appOrigin: string): string {
  const tappable = (action: Action | undefined, inner: string, className = '', style = '') =>
    actionElement(action, inner, className, style, appOrigin);
  switch (message.type) {
    case 'text':
    case 'textV2':
      return `<div class="bubble text">${escapeHtml(message.text)}</div>`;
    case 'image':
      return `<img class="bubble image" src="${escapeHtml(message.previewImageUrl)}" alt="">`;
    case 'sticker':
      return `<div class="bubble text muted">(sticker ${escapeHtml(message.packageId)}/${escapeHtml(message.stickerId)})</div>`;
    case 'template':
      return `<div class="alt">${escapeHtml(message.altText)}</div>${templateHtml(message.template, tappable)}`;
    case 'flex':
      return `<div class="alt">${escapeHtml(message.altText)}</div>${flexContainerHtml(message.contents, tappable)}`;
    default:
      return `<div class="bubble text muted">[${escapeHtml(message.type)} message]</div>`;
  }
}

type Tappable = (
  action: Action | undefined,
  inner: string,
  className?: string,
  style?: string,
) => string;

function actionElement(
  action: Action | undefined,
  inner: string,
  className: string,
  style: string,
  appOrigin: string,
): string {
  const attrs = `class="${className}" style="${escapeHtml(style)}"`;
  if (!action) return `<div ${attrs}>${inner}</div>`;
  const label = `data-label="${escapeHtml(action.label ?? '')}"`;
  if (action.type === 'uri') {
    const href = action.uri ? localLink(action.uri, appOrigin) : undefined;
    if (href)
      return `<a ${attrs} href="${escapeHtml(href)}" target="_blank" rel="noopener" title="${escapeHtml(action.uri)}">${inner}</a>`;
  }
  if (action.type === 'postback') {
    return `<button type="button" ${attrs} ${label} data-postback="${escapeHtml(action.data ?? '')}">${inner}</button>`;
  }
  if (action.type === 'message') {
    return `<button type="button" ${attrs} ${label} data-message="${escapeHtml(action.text ?? '')}">${inner}</button>`;
  }
  return `<button type="button" ${attrs} disabled title="${escapeHtml(action.type)} actions do nothing in the stand-in">${inner}</button>`;
}

function templateHtml(template: messagingApi.Template, tappable: Tappable): string {
  const buttons = (actions: Action[], className = 'tpl-actions') =>
    `<div class="${className}">${actions.map((a) => tappable(a, escapeHtml(a.label), 'tpl-button')).join('')}</div>`;
  const column = (c: {
    thumbnailImageUrl?: string;
    title?: string;
    text: string;
    actions: Action[];
  }) =>
    `<div class="card tpl">${c.thumbnailImageUrl ? `<img class="tpl-thumb" src="${escapeHtml(c.thumbnailImageUrl)}" alt="">` : ''}` +
    `<div class="tpl-body">${c.title ? `<b>${escapeHtml(c.title)}</b>` : ''}<div>${escapeHtml(c.text)}</div></div>${buttons(c.actions)}</div>`;
  switch (template.type) {
    case 'buttons':
      return column(template);
    case 'confirm':
      return `<div class="card tpl"><div class="tpl-body">${escapeHtml(template.text)}</div>${buttons(template.actions, 'tpl-actions row')}</div>`;
    case 'carousel':
      return `<div class="carousel">${template.columns.map(column).join('')}</div>`;
    case 'image_carousel':
      return `<div class="carousel">${template.columns
        .map((c) =>
          tappable(
            c.action,
            `<img class="tpl-thumb" src="${escapeHtml(c.imageUrl)}" alt=""><div>${escapeHtml(c.action.label)}</div>`,
            'card tpl',
          ),
        )
        .join('')}</div>`;
    default:
      return '';
  }
}

function flexContainerHtml(container: messagingApi.FlexContainer, tappable: Tappable): string {
  if (container.type === 'carousel') {
    return `<div class="carousel">${container.contents.map((bubble) => flexContainerHtml(bubble, tappable)).join('')}</div>`;
  }
  if (container.type !== 'bubble') return '';
  const styles = container.styles ?? {};
  const block = (name: 'header' | 'hero' | 'body' | 'footer', part: FlexComponent | undefined) => {
    if (!part) return '';
    const style = styles[name];
    const css = `${style?.backgroundColor ? `background:${style.backgroundColor};` : ''}`;
    const separator = style?.separator
      ? `border-top:1px solid ${style.separatorColor ?? '#ddd'};`
      : '';
    // Header, body and footer are padded unless they say otherwise; the hero is edge to edge.
    const content =
      name !== 'hero' && part.type === 'box'
        ? { ...part, paddingAll: part.paddingAll ?? '16px' }
        : part;
    return `<div class="flex-${name}" style="${escapeHtml(css + separator)}">${componentHtml(content, 'vertical', tappable)}</div>`;
  };
  const width = BUBBLE_WIDTHS[container.size ?? 'mega'] ?? '300px';
  return tappable(
    container.action,
    block('header', container.header) +
      block('hero', container.hero) +
      block('body', container.body) +
      block('footer', container.footer),
    'card flex-bubble',
    `width:${width}`,
  );
}

/** One Flex component; `parent` decides the default `flex` (1 in a horizontal box, 0 in a vertical one). */
function componentHtml(c: FlexComponent, parent: string, tappable: Tappable): string {
  const flex = 'flex' in c && c.flex !== undefined ? c.flex : parent === 'vertical' ? 0 : 1;
  const common = `flex:${flex} 1 auto;min-width:0;${'margin' in c && c.margin ? `margin-${parent === 'vertical' ? 'top' : 'left'}:${space(c.margin)};` : ''}`;
  switch (c.type) {
    case 'box': {
      const layout = c.layout === 'vertical' ? 'column' : 'row';
      const css = [
        common,
        `display:flex;flex-direction:${layout};`,
        c.layout === 'baseline' ? 'align-items:baseline;' : '',
        c.spacing ? `gap:${space(c.spacing)};` : '',
        c.backgroundColor ? `background:${c.backgroundColor};` : '',
        c.cornerRadius ? `border-radius:${space(c.cornerRadius)};` : '',
        c.borderColor ? `border:${c.borderWidth ?? '1px'} solid ${c.borderColor};` : '',
        c.paddingAll ? `padding:${space(c.paddingAll)};` : '',
        c.justifyContent ? `justify-content:${c.justifyContent};` : '',
        c.alignItems ? `align-items:${c.alignItems};` : '',
        c.width ? `width:${c.width};` : '',
        c.height ? `height:${c.height};` : '',
      ].join('');
      return tappable(
        c.action,
        c.contents.map((child) => componentHtml(child, c.layout, tappable)).join(''),
        'flex-box',
        css,
      );
    }
    case 'text': {
      const spans = c.contents
        ?.map((s) => `<span style="${escapeHtml(textCss(s))}">${escapeHtml(s.text)}</span>`)
        .join('');
      const css =
        common +
        textCss(c) +
        (c.wrap
          ? 'white-space:pre-wrap;'
          : 'white-space:nowrap;overflow:hidden;text-overflow:ellipsis;') +
        (c.align ? `text-align:${c.align};` : '');
      return tappable(c.action, spans || escapeHtml(c.text), 'flex-text', css);
    }
    case 'span':
      return `<span style="${escapeHtml(textCss(c))}">${escapeHtml(c.text)}</span>`;
    case 'image': {
      const size = IMAGE_SIZES[c.size ?? 'md'] ?? c.size;
      const ratio = (c.aspectRatio ?? '1:1').replace(':', '/');
      const img = `<img src="${escapeHtml(c.url)}" alt="" style="width:100%;aspect-ratio:${escapeHtml(ratio)};object-fit:${c.aspectMode === 'cover' ? 'cover' : 'contain'};display:block">`;
      return tappable(
        c.action,
        img,
        'flex-image',
        `${common}width:${size};max-width:100%;align-self:center;${c.backgroundColor ? `background:${c.backgroundColor};` : ''}`,
      );
    }
    case 'icon':
      return `<img src="${escapeHtml(c.url)}" alt="" style="width:1em;height:1em;margin-right:4px">`;
    case 'button': {
      const style = c.style ?? 'link';
      const color = c.color
        ? style === 'link'
          ? `color:${c.color};`
          : `background:${c.color};`
        : '';
      return tappable(
        c.action,
        escapeHtml(c.action.label),
        `flex-button ${style}`,
        `${common}${color}height:${c.height === 'sm' ? 40 : 52}px;`,
      );
    }
    case 'separator':
      return `<div style="${escapeHtml(common)}flex:0 0 auto;border-top:1px solid ${escapeHtml(c.color ?? '#ddd')}"></div>`;
    case 'filler':
      return `<div style="flex:${c.flex ?? 1} 1 auto"></div>`;
    default:
      return '';
  }
}

function textCss(t: {
  size?: string;
  weight?: string;
  color?: string;
  style?: string;
  decoration?: string;
}): string {
  return [
    t.size ? `font-size:${TEXT_SIZES[t.size] ?? t.size};` : '',
    t.weight === 'bold' ? 'font-weight:bold;' : '',
    t.color ? `color:${t.color};` : '',
    t.style === 'italic' ? 'font-style:italic;' : '',
    t.decoration && t.decoration !== 'none' ? `text-decoration:${t.decoration};` : '',
  ].join('');
}

function space(value: string): string {
  return SPACES[value] ?? value;
}
