/**
 * `SidebarShell`: the in-page sidebar's edge tab (a toggle button named "Health AI Lens: …") and,
 * when expanded, its panel with the sidebar controls. Presentational: props in, callbacks out, no
 * browser APIs; mounted by the sidebar frame (entrypoints/sidebar-frame/).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { PanelModel } from '../lib/model/panel';
import { hasQualityScore, qualityBand } from '../lib/rank/quality';

/** Id of the expanded panel, for the toggle's `aria-controls` (unique: it lives in our own frame). */
const PANEL_ID = 'hal-sidebar-panel';

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
      return hasQualityScore(model.article.quality)
        ? `Health AI Lens: quality ${Math.round(model.article.quality)}`
        : 'Health AI Lens: no quality score';
    case 'suggestions':
      return `Health AI Lens: ${model.related.length} suggested ${model.related.length === 1 ? 'article' : 'articles'}`;
    default:
      return 'Health AI Lens';
  }
}

/** What the collapsed tab shows: the score, "?" without one, or the number of suggestions. */
function tabValue(model: PanelModel): { text: string; color?: string } {
  if (model.kind === 'matched') {
    const quality = model.article.quality;
    return hasQualityScore(quality) ? { text: String(Math.round(quality)), color: qualityBand(quality).color } : { text: '?' };
  }
  if (model.kind === 'suggestions') return { text: `+${model.related.length}` };
  return { text: '' };
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
        title={expanded ? 'Hide Health AI Lens (Alt+Shift+L)' : 'Show Health AI Lens (Alt+Shift+L)'}
        onClick={onToggle}
      >
        <span class="hal-sidebar-tab-name" aria-hidden="true">
          AI Lens
        </span>
        {value.text ? (
          <span
            class="hal-sidebar-tab-value"
            aria-hidden="true"
            style={value.color ? { '--hal-band-color': value.color } : undefined}
            data-scored={value.color ? 'true' : 'false'}
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
          aria-label="Health AI Lens"
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
}

/** The panel header: title, collapse and close, then the quieter "don't show" choices. */
export function SidebarControls({ onCollapse, onClose, onBlockSite, onSnooze, site }: SidebarControlsProps) {
  return (
    <div class="hal-sidebar-controls">
      <div class="hal-sidebar-titlebar">
        <h2 class="hal-sidebar-title">Health AI Lens</h2>
        <button type="button" class="hal-sidebar-icon" aria-label="Collapse" title="Collapse (Esc)" onClick={onCollapse}>
          <span aria-hidden="true">›</span>
        </button>
        <button type="button" class="hal-sidebar-icon" aria-label="Close for this page" title="Close for this page" onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div class="hal-sidebar-choices">
        <button type="button" class="hal-link-button" onClick={onBlockSite} title={site ? `Never show the sidebar on ${site}` : undefined}>
          Don't show on this site
        </button>
        <button type="button" class="hal-link-button" onClick={onSnooze}>
          Snooze for a day
        </button>
      </div>
    </div>
  );
}
