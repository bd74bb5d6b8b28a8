/**
 * `SidebarShell`: the in-page sidebar's edge tab (a toggle button named "Health AI Lens: …") and,
 * when expanded, its panel; `SidebarControls`: the panel's one-line title bar, with the per-site and
 * snooze choices in a menu so they never push the verdict down. Presentational: props in, callbacks
 * out, no browser APIs; mounted by the sidebar frame (entrypoints/sidebar-frame/).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PanelModel } from '../lib/model/panel';
import { hasQualityScore, qualityBand } from '../lib/rank/quality';
import { t, tn } from '../lib/i18n/messages';

/** Id of the expanded panel, for the toggle's `aria-controls` (unique: it lives in our own frame). */
const PANEL_ID = 'hal-sidebar-panel';
/** Id of the choices menu, for its button's `aria-controls`. */
const MENU_ID = 'hal-sidebar-menu';
/** The toggle shortcut, as the manifest's command declares it. */
const SHORTCUT = 'Alt+Shift+L';

export interface SidebarShellProps {
  /** What the page shows; names the toggle ("Health AI Lens: quality 59"). */
  model: PanelModel;
  expanded: boolean;
  /** Expand or collapse (the tab button, the collapse button, Escape inside the panel). */
  onToggle: () => void;
  /** Move focus into the panel once expanded (keyboard shortcut), instead of leaving it on the page. */
  focusOnExpand?: boolean;
  /**
   * Escape anywhere in the sidebar (tab or panel): the owner collapses the panel and gives focus
   * back to the page. Without it, Escape inside the panel collapses it and focuses the tab.
   */
  onEscape?: () => void;
  /** The panel body (the shared `PanelApp` with `SidebarControls` in its header); rendered only while expanded. */
  children?: ComponentChildren;
}

/** The toggle's accessible name: always starts with "Health AI Lens", then what the page has. */
export function sidebarLabel(model: PanelModel): string {
  switch (model.kind) {
    case 'matched':
      return hasQualityScore(model.article.quality) ? t('sidebar.labelScored', Math.round(model.article.quality)) : t('sidebar.labelUnscored');
    case 'suggestions':
      return tn('sidebar.labelSuggestions', model.related.length);
    default:
      return t('sidebar.name');
  }
}

/** What the collapsed tab shows: the score, "?" without one (neutral), or the number of suggestions. */
function tabValue(model: PanelModel): { text: string; kind: 'scored' | 'unrated' | 'suggestions'; color?: string } | undefined {
  if (model.kind === 'matched') {
    const quality = model.article.quality;
    return hasQualityScore(quality) ? { text: String(Math.round(quality)), kind: 'scored', color: qualityBand(quality).color } : { text: '?', kind: 'unrated' };
  }
  if (model.kind === 'suggestions') return { text: `+${model.related.length}`, kind: 'suggestions' };
  return undefined;
}

/** Edge tab plus, when expanded, the panel; Escape inside the panel collapses it. */
export function SidebarShell(props: SidebarShellProps) {
  const { model, expanded, onToggle, focusOnExpand, onEscape, children } = props;
  const toggleRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  // Starts "collapsed": a sidebar mounted already expanded by the shortcut takes focus too.
  const wasExpanded = useRef(false);
  const panelHadFocus = useRef(false);
  const value = tabValue(model);

  useEffect(() => {
    if (expanded && !wasExpanded.current && focusOnExpand) panelRef.current?.focus();
    // Collapsing from inside the panel would drop focus on the page's body: give it to the tab.
    if (!expanded && wasExpanded.current && panelHadFocus.current) toggleRef.current?.focus();
    wasExpanded.current = expanded;
  }, [expanded, focusOnExpand]);

  return (
    <div
      class="hal-sidebar"
      data-expanded={expanded ? 'true' : 'false'}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !onEscape) return;
        event.stopPropagation();
        panelHadFocus.current = false; // focus goes back to the page, not to the tab
        onEscape();
      }}
    >
      <button
        ref={toggleRef}
        type="button"
        class="hal-sidebar-tab"
        aria-expanded={expanded ? 'true' : 'false'}
        aria-controls={PANEL_ID}
        aria-label={sidebarLabel(model)}
        title={expanded ? t('sidebar.hideHint', SHORTCUT) : t('sidebar.showHint', SHORTCUT)}
        onClick={onToggle}
      >
        <span class="hal-sidebar-tab-name" aria-hidden="true">
          {t('sidebar.name')}
        </span>
        {value ? (
          <span
            class="hal-sidebar-tab-value"
            aria-hidden="true"
            style={value.color ? { '--hal-band-color': value.color } : undefined}
            data-scored={value.kind === 'scored' ? 'true' : 'false'}
            data-kind={value.kind}
          >
            {value.text}
          </span>
        ) : null}
      </button>
      {expanded ? (
        <section
          ref={panelRef}
          id={PANEL_ID}
          class="hal-sidebar-panel"
          aria-label={t('sidebar.name')}
          tabIndex={-1}
          onFocusIn={() => (panelHadFocus.current = true)}
          onFocusOut={() => (panelHadFocus.current = false)}
          onKeyDown={(event) => {
            if (event.key !== 'Escape' || onEscape) return;
            event.stopPropagation();
            panelHadFocus.current = true;
            onToggle();
          }}
        >
          {children}
        </section>
      ) : null}
    </div>
  );
}

export interface SidebarControlsProps {
  onCollapse: () => void;
  /** Hide the sidebar on this page until it is reloaded (or the shortcut brings it back). */
  onClose: () => void;
  /** Never show on this site again (the block list in settings). */
  onBlockSite: () => void;
  /** Hide everywhere for a day. */
  onSnooze: () => void;
  /** The site "Don't show on this site" would block, shown as a hint (e.g. `example.com`). */
  site?: string;
  /** "Score chips on this site", a checkable menu item: its state, whose choice it is (a hint), and the toggle. */
  siteChips?: { on: boolean; hint: string; onToggle: () => void };
}

/** The panel's title bar: title, the choices menu, collapse and close; one line, so the verdict stays in view. */
export function SidebarControls({ onCollapse, onClose, onBlockSite, onSnooze, site, siteChips }: SidebarControlsProps) {
  return (
    <div class="hal-sidebar-controls">
      <div class="hal-sidebar-titlebar">
        <h2 class="hal-sidebar-title">{t('sidebar.name')}</h2>
        <SidebarMenu onBlockSite={onBlockSite} onSnooze={onSnooze} site={site} siteChips={siteChips} />
        <button type="button" class="hal-sidebar-icon" aria-label={t('sidebar.collapse')} title={t('sidebar.collapseHint')} onClick={onCollapse}>
          <span aria-hidden="true">›</span>
        </button>
        <button type="button" class="hal-sidebar-icon" aria-label={t('sidebar.close')} title={t('sidebar.close')} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
    </div>
  );
}

type MenuProps = Pick<SidebarControlsProps, 'onBlockSite' | 'onSnooze' | 'site' | 'siteChips'>;

/**
 * A menu button (WAI-ARIA menu pattern): Enter, Space or ArrowDown open it on the first item,
 * ArrowUp on the last; arrows, Home and End move between items; Escape closes it and returns focus
 * to its button (without closing the sidebar); Tab or a click elsewhere closes it.
 */
export function SidebarMenu({ onBlockSite, onSnooze, site, siteChips }: MenuProps) {
  const [open, setOpen] = useState<false | 'first' | 'last'>(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"], [role="menuitemcheckbox"]') ?? []);

  useEffect(() => {
    if (!open) return;
    const list = items();
    (open === 'last' ? list[list.length - 1] : list[0])?.focus();
    const outside = (event: Event) => {
      const target = event.target as Node | null;
      if (target && !menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };
  const choose = (action: () => void) => () => {
    close(true);
    action();
  };

  return (
    <div class="hal-sidebar-menu-wrap">
      <button
        ref={buttonRef}
        type="button"
        class="hal-sidebar-icon"
        id={`${MENU_ID}-button`}
        aria-haspopup="menu"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={MENU_ID}
        aria-label={t('sidebar.menu')}
        title={t('sidebar.menu')}
        onClick={() => setOpen(open ? false : 'first')}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setOpen(event.key === 'ArrowUp' ? 'last' : 'first');
          }
        }}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open ? (
        <div
          ref={menuRef}
          id={MENU_ID}
          class="hal-sidebar-menu"
          role="menu"
          aria-labelledby={`${MENU_ID}-button`}
          onKeyDown={(event) => {
            const list = items();
            const at = list.indexOf(document.activeElement as HTMLElement);
            const move = (index: number) => list[(index + list.length) % list.length]?.focus();
            if (event.key === 'ArrowDown') move(at + 1);
            else if (event.key === 'ArrowUp') move(at - 1);
            else if (event.key === 'Home') move(0);
            else if (event.key === 'End') move(list.length - 1);
            else if (event.key === 'Escape') {
              // The menu closes; the sidebar stays open.
              event.stopPropagation();
              close(true);
            } else if (event.key === 'Tab') {
              close(false);
              return;
            } else return;
            event.preventDefault();
          }}
        >
          <button type="button" role="menuitem" tabIndex={-1} class="hal-sidebar-menuitem" title={site ? t('sidebar.hideOnSiteHint', site) : undefined} onClick={choose(onBlockSite)}>
            {t('sidebar.hideOnSite')}
          </button>
          <button type="button" role="menuitem" tabIndex={-1} class="hal-sidebar-menuitem" onClick={choose(onSnooze)}>
            {t('sidebar.snooze')}
          </button>
          {siteChips ? (
            <button
              type="button"
              role="menuitemcheckbox"
              aria-checked={siteChips.on ? 'true' : 'false'}
              tabIndex={-1}
              class="hal-sidebar-menuitem hal-sidebar-menucheck"
              title={siteChips.hint}
              onClick={choose(siteChips.onToggle)}
            >
              <span class="hal-sidebar-menucheck-mark" aria-hidden="true">
                {siteChips.on ? '✓' : ''}
              </span>
              {t('siteChips.label')}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
