// A tiny typed t() over the locale store (locale-store.ts), for components.
import {
  createElement,
  Fragment,
  lazy,
  useCallback,
  useSyncExternalStore,
  type ComponentType,
  type ReactNode,
} from 'react';
import {
  getLocale,
  loadMoreStrings,
  message,
  subscribe,
  type Locale,
  type MessageKey,
} from './locale-store';

export { localeNames, setLocale, type Locale, type MessageKey } from './locale-store';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

function translate(
  locale: Locale,
  key: MessageKey,
  vars?: Record<string, string | number>,
): string {
  const text = message(locale, key);
  return vars
    ? text.replace(/\{(\w+)\}/g, (match, name: string) => String(vars[name] ?? match))
    : text;
}

/** Like translate, but placeholders may be React nodes (for <code> inside a sentence). */
function translateRich(
  locale: Locale,
  key: MessageKey,
  nodes: Record<string, ReactNode>,
): ReactNode[] {
  return message(locale, key)
    .split(/(\{\w+\})/)
    .map((part, i) =>
      createElement(Fragment, { key: i }, /^\{\w+\}$/.test(part) ? nodes[part.slice(1, -1)] : part),
    );
}

export function useI18n() {
  const locale = useSyncExternalStore(subscribe, getLocale);
  const t = useCallback<Translate>((key, vars) => translate(locale, key, vars), [locale]);
  const tRich = useCallback(
    (key: MessageKey, nodes: Record<string, ReactNode>) => translateRich(locale, key, nodes),
    [locale],
  );
  return { locale, t, tRich };
}

/** A lazy component that renders once its chunk and the strings beyond the first screen are in. */
export function lazyWithStrings<P>(load: () => Promise<{ default: ComponentType<P> }>) {
  return lazy(() => Promise.all([load(), loadMoreStrings()]).then(([module]) => module));
}
