import * as RadixTabs from "radix-ui/tabs";
import { useHydrated } from "~/lib/use-hydrated";

export interface TabPanel {
  id: string;
  label: string;
  content: React.ReactNode;
}

/**
 * Radix tabs once JavaScript runs; before that (or without it) every panel is shown as its own
 * section under a heading, so nothing is hidden from a browser that cannot switch tabs.
 */
export function Tabs({ label, panels, headingLevel = 2 }: { label: string; panels: TabPanel[]; headingLevel?: 2 | 3 }) {
  const hydrated = useHydrated();
  const Heading = `h${headingLevel}` as const;
  if (!hydrated) {
    return (
      <>
        {panels.map((p) => (
          <section key={p.id} aria-labelledby={`tab-heading-${p.id}`}>
            <Heading id={`tab-heading-${p.id}`}>{p.label}</Heading>
            {p.content}
          </section>
        ))}
      </>
    );
  }
  return (
    <RadixTabs.Root defaultValue={panels[0]?.id} className="tabs">
      <RadixTabs.List aria-label={label} className="tabs__list">
        {panels.map((p) => (
          <RadixTabs.Trigger key={p.id} value={p.id} className="tabs__trigger">
            {p.label}
          </RadixTabs.Trigger>
        ))}
      </RadixTabs.List>
      {panels.map((p) => (
        <RadixTabs.Content key={p.id} value={p.id} className="tabs__panel">
          {p.content}
        </RadixTabs.Content>
      ))}
    </RadixTabs.Root>
  );
}
