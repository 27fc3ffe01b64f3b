import { Form, Link, NavLink, useLocation, useSearchParams, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "~/components/ui/dropdown-menu";
import { StatusToast } from "~/components/ui/toast";
import { useHydrated } from "~/lib/use-hydrated";
import type { RootData } from "~/root";


/** Skip link, header, navigation, main landmark and footer: the frame every page shares. */
export function AppShell({ data, children }: { data: RootData | undefined; children: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  // Confirmations travel as `?notice=<key>` after a redirect: a key of common:notices, never personal data.
  const notice = searchParams.get("notice");
  const noticeText = notice && i18n.exists(`common:notices.${notice}`) ? t(`notices.${notice}`) : null;
  const viewer = data?.viewer ?? null;
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(location.pathname);

  // After a client-side page change, move focus to the new page's content as a full page load would,
  // so keyboard and screen-reader users start at the top of what changed.
  useEffect(() => {
    if (location.pathname === firstPath.current) return;
    firstPath.current = "";
    main.current?.focus();
  }, [location.pathname]);
  const returnTo = location.pathname + location.search;
  const other = (data?.locale ?? "sv") === "sv" ? "en" : "sv";
  const detail = viewer
    ? viewer.roles.map((r) => t(`roles.${r}`)).join(", ") + (viewer.unitName ? ` · ${viewer.unitName}` : "")
    : "";

  return (
    <>
      <a className="skip-link" href="#main">
        {t("layout.skipToContent")}
      </a>
      {data?.demoMode ? (
        <p className="demo-banner" role="note">
          {t("layout.demoBanner")}
        </p>
      ) : null}
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <span className="brand__name">Tillsammans</span>
            <span className="brand__tagline">{t("layout.tagline")}</span>
          </Link>
          <div className="site-header__tools">
            {viewer ? (
              <Link to="/inbox" className="inbox-link">
                {t("layout.inbox")}
                {viewer.unread > 0 ? (
                  <>
                    <span className="badge" aria-hidden="true">
                      {viewer.unread}
                    </span>
                    <span className="visually-hidden">, {t("layout.unread", { count: viewer.unread })}</span>
                  </>
                ) : null}
              </Link>
            ) : null}
            <Form method="post" action="/language" className="inline-form">
              <input type="hidden" name="returnTo" value={returnTo} />
              <input type="hidden" name="locale" value={other} />
              <button type="submit" className="button button--ghost" lang={other}>
                {t(`layout.switchTo.${other}`)}
              </button>
            </Form>
            {viewer ? <UserMenu name={viewer.name} detail={detail} /> : null}
          </div>
        </div>
        {viewer ? (
          <nav aria-label={t("layout.mainNavigation")} className="main-nav">
            <ul>
              {viewer.navigation.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.to === "/"}>
                    {t(item.labelKey)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" ref={main} tabIndex={-1} className="main">
        <StatusToast message={noticeText} />
        {children}
      </main>
      <footer className="site-footer">
        <ul>
          <li>
            <Link to="/accessibility">{t("layout.accessibility")}</Link>
          </li>
          <li>{t("layout.footerOwner")}</li>
        </ul>
      </footer>
    </>
  );
}

/**
 * Who is signed in, with Settings and Log out. Before hydration (and without JavaScript): the name and unit, a
 * settings link and the log-out form's own button, all visible. Once hydrated: a menu button with the name and
 * unit opening a Radix dropdown. Logging out is always a POST of the form below, which sits outside the menu
 * content (so closing the menu cannot unmount it); nothing changes state on GET.
 */
function UserMenu({ name, detail }: { name: string; detail: string }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const submit = useSubmit();
  const logoutForm = useRef<HTMLFormElement>(null);

  const form = (
    <Form
      ref={logoutForm}
      id="logout-form"
      method="post"
      action="/logout"
      // Once hydrated the menu item submits this form; then it has no button of its own and takes no room.
      className={hydrated ? undefined : "inline-form"}
      hidden={hydrated}
    >
      {hydrated ? null : (
        <button type="submit" className="button button--ghost">
          {t("layout.logout")}
        </button>
      )}
    </Form>
  );

  if (!hydrated) {
    return (
      <>
        <p className="whoami">
          <span className="whoami__name">{name}</span>
          <span className="whoami__unit">{detail}</span>
        </p>
        <Link to="/settings" className="user-menu-link">
          {t("layout.settings")}
        </Link>
        {form}
      </>
    );
  }

  return (
    <>
      {/* Not modal: a menu button needs no focus trap, and the page stays readable to assistive technology. */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger className="menu-trigger">
          <span className="whoami">
            <span className="whoami__name">{name}</span>
            <span className="whoami__unit">{detail}</span>
          </span>
          <span aria-hidden="true" className="menu-trigger__chevron">
            ▾
          </span>
        </DropdownMenuTrigger>
        <DropdownMenuContent>
          <DropdownMenuItem asChild>
            <Link to="/settings">{t("layout.settings")}</Link>
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => logoutForm.current && submit(logoutForm.current)}>
            {t("layout.logout")}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      {form}
    </>
  );
}
