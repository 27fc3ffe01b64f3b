import { Form, Link, NavLink, useLocation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { FormFailureAlert } from "~/components/form-failure";
import { StatusMessage } from "~/components/status-message";
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
            {viewer ? (
              <UserMenu
                name={viewer.name}
                detail={detail}
                // Deviations from the agreement: for everyone, unless the main navigation has them (coordinators).
                deviations={!viewer.navigation.some((item) => item.to === "/deviations")}
              />
            ) : null}
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
        <StatusMessage message={noticeText} />
        {children}
        <FormFailureAlert />
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
 * Who is signed in, with Settings and Log out: a disclosure (native <details>), not an ARIA menu, which is meant for
 * application menus rather than a link and a button. It works without JavaScript in the same markup, and ships no
 * menu library. Once hydrated, Escape, a click or focus outside, and a page change close it. Logging out is always
 * a POST of the form's own button; nothing changes state on GET.
 */
function UserMenu({ name, detail, deviations }: { name: string; detail: string; deviations: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  const menu = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    const details = menu.current;
    if (!details) return;
    const close = () => {
      details.open = false;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !details.open) return;
      close();
      details.querySelector("summary")?.focus();
    };
    const onOutside = (event: Event) => {
      if (details.open && event.target instanceof Node && !details.contains(event.target)) close();
    };
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("click", onOutside);
    document.addEventListener("focusin", onOutside);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("click", onOutside);
      document.removeEventListener("focusin", onOutside);
    };
  }, []);

  // A client-side navigation (the settings link, a form's redirect) closes it, as a page load would. Not on the
  // first render: a menu opened before hydration stays open.
  const shownKey = useRef(location.key);
  useEffect(() => {
    if (location.key === shownKey.current) return;
    shownKey.current = location.key;
    if (menu.current) menu.current.open = false;
  }, [location.key]);

  return (
    <details ref={menu} className="user-menu">
      <summary className="menu-trigger">
        <span className="whoami">
          <span className="whoami__name">{name}</span>
          <span className="whoami__unit">{detail}</span>
        </span>
        <span aria-hidden="true" className="menu-trigger__chevron">
          ▾
        </span>
      </summary>
      <div className="user-menu__panel">
        <ul>
          <li>
            <Link to="/settings" className="user-menu__item">
              {t("layout.settings")}
            </Link>
          </li>
          {deviations ? (
            <li>
              <Link to="/deviations" className="user-menu__item">
                {t("nav.deviations")}
              </Link>
            </li>
          ) : null}
          <li>
            <Form method="post" action="/logout">
              <button type="submit" className="user-menu__item">
                {t("layout.logout")}
              </button>
            </Form>
          </li>
        </ul>
      </div>
    </details>
  );
}
