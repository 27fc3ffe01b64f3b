import { useTranslation } from "react-i18next";

/** The unit's contact person, named by its principal (app/routes/units.$unitId_.contact.tsx), on a unit's page. */
export function UnitContactPerson({ contacts }: { contacts: { id: string; name: string; email: string }[] }) {
  const { t } = useTranslation("admin");
  return (
    <p>
      {contacts.length
        ? contacts.map((c) => (
            <span key={c.id}>
              {t("contact.current", { name: c.name })} (<a href={`mailto:${c.email}`}>{c.email}</a>)
            </span>
          ))
        : t("contact.none")}
    </p>
  );
}
