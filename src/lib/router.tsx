// Routing on the History API: the part of wouter this app used (Link, Switch and Route, Redirect,
// useLocation, useSearch), at a fraction of its size in the first load. As in wouter, paths are
// read decoded (decodeURI) and patterns ("/call/:id") match case-insensitively, with or without a
// trailing slash; a Route without a path matches anything.
import {
  Children,
  isValidElement,
  useLayoutEffect,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type ReactNode,
} from 'react';

/** The named parts of a pattern: "/call/:id" has { id }. */
export type Params<Pattern extends string = string> =
  Pattern extends `${string}:${infer Name}/${infer Rest}`
    ? Record<Name, string> & Params<`/${Rest}`>
    : Pattern extends `${string}:${infer Name}`
      ? Record<Name, string>
      : Record<never, string>;

export interface NavigateOptions {
  replace?: boolean;
}

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function navigate(to: string, { replace = false }: NavigateOptions = {}): void {
  history[replace ? 'replaceState' : 'pushState'](null, '', to);
  notify();
}

function decoded(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text; // A malformed escape: leave it as it is.
  }
}

const readPath = () => location.pathname;
const readSearch = () => location.search;

/** The path now, e.g. "/call/1234", as the routes see it. */
export function currentPath(): string {
  return decoded(readPath());
}

/** The path, e.g. "/call/1234", and the way to go elsewhere. */
export function useLocation(): [string, typeof navigate] {
  return [decoded(useSyncExternalStore(subscribe, readPath)), navigate];
}

/** The query string without its "?". */
export function useSearch(): string {
  return decoded(useSyncExternalStore(subscribe, readSearch).slice(1));
}

/** The named parts of `path` when it matches `pattern`, else null. */
export function matchPath<Pattern extends string>(
  pattern: Pattern,
  path: string,
): Params<Pattern> | null {
  const names: string[] = [];
  const source = pattern.replace(/\/$/, '').replace(/:(\w+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+?)';
  });
  const found = new RegExp(`^${source}/?$`, 'i').exec(path);
  return (
    found && (Object.fromEntries(names.map((name, i) => [name, found[i + 1]])) as Params<Pattern>)
  );
}

interface RouteProps<Pattern extends string> {
  path?: Pattern;
  children: ReactNode | ((params: Params<Pattern>) => ReactNode);
}

/** Renders its children when the location matches `path`. */
export function Route<Pattern extends string>({ path, children }: RouteProps<Pattern>) {
  const [location] = useLocation();
  const params = path === undefined ? ({} as Params<Pattern>) : matchPath(path, location);
  if (!params) return null;
  return typeof children === 'function' ? children(params) : children;
}

/** Renders only the first Route whose path matches the location. */
export function Switch({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  return Children.toArray(children).find(
    (child) =>
      isValidElement<RouteProps<string>>(child) &&
      (child.props.path === undefined || matchPath(child.props.path, location) !== null),
  );
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** An in-app link: a plain <a> (a new tab still works) that navigates without a reload. */
export function Link({ href, onClick, ...props }: LinkProps) {
  return (
    <a
      {...props}
      href={href}
      onClick={(event) => {
        if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey || event.button !== 0)
          return;
        onClick?.(event);
        if (event.defaultPrevented) return;
        event.preventDefault();
        navigate(href);
      }}
    />
  );
}

export function Redirect({ to, replace }: { to: string } & NavigateOptions) {
  useLayoutEffect(() => navigate(to, { replace }), [to, replace]);
  return null;
}
