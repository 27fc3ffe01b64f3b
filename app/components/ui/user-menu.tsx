import { Form, Link, useSubmit } from "@remix-run/react";
import { DropdownMenu } from "radix-ui";
import { useTranslation } from "react-i18next";
import { useHydrated } from "~/lib/use-hydrated";

/**
 * Who is signed in, with settings and log-out. Before hydration (or without JavaScript) the name, a settings link
 * and a plain log-out form; once hydrated a Radix dropdown menu. Logging out is always a POST.
 */
export function UserMenu({ name, detail }: { name: string; detail: string }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const submit = useSubmit();
  if (!hydrated) {
    return (
      <>
        <p className="whoami">
          <span className="whoami__name">{name}</span>
          <span className="whoami__unit">{detail}</span>
        </p>
        <Form method="post" action="/logout" className="inline-form">
          <button type="submit" className="button button--ghost">
            {t("layout.logout")}
          </button>
        </Form>
      </>
    );
  }
  return (
    // Not modal: a menu button needs no focus trap, and hiding the page from assistive technology is not wanted.
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger className="user-menu__trigger">
        <span className="whoami">
          <span className="whoami__name">{name}</span>
          <span className="whoami__unit">{detail}</span>
        </span>
        <span aria-hidden="true" className="user-menu__chevron">
          ▾
        </span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="user-menu" align="end" sideOffset={6}>
          <DropdownMenu.Item asChild className="user-menu__item">
            <Link to="/settings">{t("nav.settings")}</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="user-menu__separator" />
          <DropdownMenu.Item
            className="user-menu__item"
            onSelect={() => submit(null, { method: "post", action: "/logout" })}
          >
            {t("layout.logout")}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
