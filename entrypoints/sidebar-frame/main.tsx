/**
 * The sidebar's UI as an extension page (`/sidebar-frame.html`), framed by the content script inside
 * a closed shadow root on the page: the edge tab and the panel. Its data comes from the background
 * (which knows the tab from the sender); the content script only sizes, shows and removes the frame,
 * over the `MessageChannel` port it hands over once. Wiring only.
 */
import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { localizeDocument } from '@/lib/i18n/messages';
import { PanelApp } from '@/components/panel-app';
import { SidebarControls, SidebarShell } from '@/components/sidebar-shell';
import { loadOpenedLinks, rememberOpenedLink } from '@/lib/browser/opened-links';
import { sendMessage } from '@/lib/browser/messaging';
import { loadSettings, watchSettings } from '@/lib/browser/settings-storage';
import { welcome } from '@/lib/browser/welcome';
import { isConnect, type FrameToPage, type PageToFrame, type Viewport } from '@/lib/browser/sidebar-bridge';
import { siteKey } from '@/lib/app/sidebar-visibility';
import { PageSignals } from '@/lib/app/messages';
import type { PanelModel } from '@/lib/model/panel';
import type { SiteChipsState } from '@/lib/app/site-chips';
import { siteChipsHint } from '@/components/site-chips-switch';
import '@/components/lens.css';
import '@/components/sidebar.css';
import './frame.css';

// The catalogue's language and title before anything renders.
localizeDocument(document, 'pages.sidebarFrameTitle');

/** Shared by every render: PanelApp reloads them only when their identity changes. */
const openedLinks = { load: loadOpenedLinks, add: (url: string) => void rememberOpenedLink(url) };
const search = (query: string) => sendMessage({ type: 'search', query });
const retry = () => sendMessage({ type: 'sidebarRetry' });
const subscribe = (reload: () => void) => watchSettings(() => reload());

// The nonce the content script put in our URL; gone from the address at once.
const nonce = location.hash.slice(1);
history.replaceState(null, '', location.pathname);

interface Connection {
  port: MessagePort;
  signals: PageSignals;
  expanded: boolean;
  focus: boolean;
  viewport: Viewport;
}

/** The page's window size, as CSS variables the panel's size rules use (frame.css). */
function setViewport(viewport: Viewport | undefined) {
  const style = document.documentElement.style;
  if (Number.isFinite(viewport?.width)) style.setProperty('--hal-page-width', `${viewport!.width}px`);
  if (Number.isFinite(viewport?.height)) style.setProperty('--hal-page-height', `${viewport!.height}px`);
}

function Sidebar({ connection }: { connection: Connection }) {
  const { port } = connection;
  const [signals, setSignals] = useState(connection.signals);
  const [model, setModel] = useState<PanelModel | null | undefined>(undefined);
  const [expanded, setExpanded] = useState(connection.expanded);
  const [focusOnExpand, setFocusOnExpand] = useState(connection.focus);
  const rootRef = useRef<HTMLDivElement>(null);
  const post = (message: FrameToPage) => port.postMessage(message);

  // The page's panel from the background, for the page's own tab (the background reads it from the sender).
  const load = useCallback(() => sendMessage({ type: 'pageSignals', signals }), [signals]);
  const refresh = useCallback(() => {
    load().then(setModel, () => {}); // a failed refresh keeps what is shown
  }, [load]);
  useEffect(refresh, [refresh]);
  useEffect(() => watchSettings(refresh), [refresh]);
  // Nothing (more) to show here, or the settings now hide the sidebar on this page: remove it.
  useEffect(() => {
    if (model === null) post({ type: 'close', hidden: true });
  }, [model]);

  useEffect(() => {
    void loadSettings().then((settings) => settings.sidebar.startExpanded && setExpanded(true), () => {});
  }, []);

  // "Score chips on this site" in the menu: the background answers for this frame's own tab.
  const [chips, setChips] = useState<SiteChipsState | undefined>();
  const loadChips = useCallback(() => {
    sendMessage({ type: 'siteChips' }).then(setChips, () => setChips(undefined));
  }, []);
  useEffect(loadChips, [loadChips, signals.url]);
  useEffect(() => watchSettings(loadChips), [loadChips]);

  useEffect(() => {
    port.onmessage = (event: MessageEvent<PageToFrame>) => {
      const message = event.data;
      if (message?.type === 'toggle') {
        setFocusOnExpand(true);
        setExpanded((was) => {
          if (was) post({ type: 'focusPage' });
          return !was;
        });
      } else if (message?.type === 'signals') {
        const parsed = PageSignals.safeParse(message.signals);
        if (parsed.success) setSignals(parsed.data);
      } else if (message?.type === 'viewport') {
        setViewport(message.viewport);
      }
    };
  }, [port]);

  // The frame is exactly as big as what it shows: the tab alone, or the tab and the panel.
  useEffect(() => {
    const element = rootRef.current;
    if (!element) return;
    const report = () => {
      // The frame holds #app, padding included (the room for the shadows): sized to the root alone,
      // it cut the panel's right edge, scrollbar included, by that padding.
      const box = (element.parentElement ?? element).getBoundingClientRect();
      post({ type: 'size', width: box.width, height: box.height });
    };
    const observer = new ResizeObserver(report);
    observer.observe(element);
    report();
    return () => observer.disconnect();
    // Also measured on every expand and collapse: a tab the browser is not painting (in the
    // background) delivers no ResizeObserver callbacks, and the frame would stay tab-sized.
  }, [model !== undefined && model !== null, expanded]);

  const onModel = useCallback((next: PanelModel | null) => setModel(next), []);
  if (!model) return null;

  const site = siteKey(signals.url);
  const close = () => post({ type: 'close' });
  // Hidden by a settings choice: un-hiding the site or the snooze's end brings it back live.
  const hide = () => post({ type: 'close', hidden: true });
  return (
    <div ref={rootRef} id="hal-frame-root">
      <SidebarShell
        model={model}
        expanded={expanded}
        focusOnExpand={focusOnExpand}
        onToggle={() => {
          setFocusOnExpand(false);
          setExpanded(!expanded);
        }}
        onEscape={() => {
          setExpanded(false);
          post({ type: 'focusPage' });
        }}
      >
        <PanelApp
          load={load}
          search={search}
          syncNow={retry}
          subscribe={subscribe}
          onModel={onModel}
          openedLinks={openedLinks}
          welcome={welcome}
          headerSlot={
            <SidebarControls
              onCollapse={() => setExpanded(false)}
              onClose={close}
              onBlockSite={() => {
                void sendMessage({ type: 'hideOnThisSite' }).catch(() => {});
                hide(); // at once, without waiting for the storage round trip
              }}
              onSnooze={() => {
                void sendMessage({ type: 'snoozeSidebar', duration: 'day' }).catch(() => {});
                hide();
              }}
              site={site}
              siteChips={
                chips?.available
                  ? {
                      on: chips.on,
                      hint: siteChipsHint(chips),
                      onToggle: () => void sendMessage({ type: 'setSiteChips', on: !chips.on }).then(setChips, loadChips),
                    }
                  : undefined
              }
            />
          }
        />
      </SidebarShell>
    </div>
  );
}

// The content script hands us its port once; anything else posted to this window (by the page,
// which can reach `frames[n]`) lacks the nonce, or comes too late, and is ignored.
function onConnect(event: MessageEvent) {
  if (event.source !== window.parent || event.ports.length !== 1 || !isConnect(event.data, nonce)) return;
  const signals = PageSignals.safeParse(event.data.signals);
  if (!signals.success) return;
  removeEventListener('message', onConnect);
  const { expanded, focus, viewport } = event.data;
  setViewport(viewport);
  const connection: Connection = { port: event.ports[0]!, signals: signals.data, expanded: !!expanded, focus: !!focus, viewport };
  render(<Sidebar connection={connection} />, document.getElementById('app')!);
}
addEventListener('message', onConnect);
