import { useTranslation } from "react-i18next";
import { LIST_ROWS } from "~/domain/list-rows";

/** Rows per page, chosen in a list's filter form: the server keeps the choice for the user's next visit. */
export function ListRowsField({ value }: { value: number }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor="filter-rows">{t("listRows.label")}</label>
      <select id="filter-rows" name="rows" defaultValue={String(value)}>
        {LIST_ROWS.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </div>
  );
}
