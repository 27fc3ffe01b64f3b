import { count } from "drizzle-orm";
import { hashPassword } from "~/lib/password.server";
import type { Database } from "./client.server";
import { memberships, messages, municipalities, units, users, type Role, type UnitKind } from "./schema";

export const DEMO_PASSWORD = "demo-tillsammans-2026";

export const demoUnits: { key: string; name: string; kind: UnitKind; enrolledChildren?: number }[] = [
  { key: "larkan", name: "Förskolan Lärkan", kind: "preschool", enrolledChildren: 64 },
  { key: "ekorren", name: "Förskolan Ekorren", kind: "preschool", enrolledChildren: 48 },
  { key: "solrosen", name: "Förskolan Solrosen", kind: "preschool", enrolledChildren: 92 },
  { key: "solbacken", name: "Solbackens skola", kind: "school", enrolledChildren: 412 },
  { key: "vastra", name: "Västra skolan", kind: "school", enrolledChildren: 538 },
  { key: "norr", name: "Norrskolan", kind: "school", enrolledChildren: 634 },
  { key: "hamn", name: "Hamnskolan", kind: "school", enrolledChildren: 287 },
  { key: "eht", name: "Elevhälsan Solbacken", kind: "student_health" },
  { key: "mottagning", name: "Mottagningen för barn och unga", kind: "reception" },
  { key: "utredning", name: "Utredningsenheten barn och unga", kind: "investigation" },
  { key: "samverkan", name: "Samverkansenheten", kind: "coordination" },
  { key: "ledning", name: "Förvaltningsstöd och ledning", kind: "administration" },
];

export const demoAccounts: { email: string; name: string; unit: string; role: Role }[] = [
  { email: "rektor@exempelstad.example", name: "Karin Lindqvist", unit: "solbacken", role: "principal" },
  { email: "larare@exempelstad.example", name: "Johan Berg", unit: "solbacken", role: "staff" },
  { email: "forskola@exempelstad.example", name: "Amira Hassan", unit: "larkan", role: "staff" },
  { email: "mottagning@exempelstad.example", name: "Eva Sjöberg", unit: "mottagning", role: "reception_worker" },
  { email: "utredare@exempelstad.example", name: "Mikael Nyström", unit: "utredning", role: "investigator" },
  { email: "samordnare@exempelstad.example", name: "Lena Ekholm", unit: "samverkan", role: "coordinator" },
  { email: "styrgrupp@exempelstad.example", name: "Per Holmgren", unit: "ledning", role: "steering" },
  { email: "admin@exempelstad.example", name: "Sara Wikström", unit: "ledning", role: "admin" },
];

/** Seeds the demo municipality Exempelstad unless some municipality already exists. Returns whether it seeded. */
export async function seedDemo(db: Database): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(municipalities);
  if (n > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [city] = await tx
      .insert(municipalities)
      .values({ name: "Exempelstad", slug: "exempelstad" })
      .returning();
    const unitRows = await tx
      .insert(units)
      .values(demoUnits.map((u) => ({ municipalityId: city.id, name: u.name, kind: u.kind, enrolledChildren: u.enrolledChildren })))
      .returning();
    const unitId = (key: string) => unitRows[demoUnits.findIndex((u) => u.key === key)].id;
    const userRows = await tx
      .insert(users)
      .values(demoAccounts.map((a) => ({ municipalityId: city.id, email: a.email, name: a.name, passwordHash })))
      .returning();
    await tx.insert(memberships).values(
      demoAccounts.map((a, i) => ({ municipalityId: city.id, userId: userRows[i].id, unitId: unitId(a.unit), role: a.role })),
    );
    await tx.insert(messages).values(
      userRows.map((u) => ({
        municipalityId: city.id,
        recipientId: u.id,
        kind: "system",
        subject: "Välkommen till Tillsammans",
        body:
          "Det här är din inkorg i Tillsammans. Här kommer råd från mottagningen, inbjudningar till anmälningsmöten, " +
          "återkoppling och besked om utbildningar. E-post från portalen säger bara att du har ett nytt meddelande här.",
        link: "/",
      })),
    );
  });
  return true;
}
