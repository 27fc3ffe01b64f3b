import type { Role, UnitKind } from "~/domain/vocabulary";

/**
 * The demo municipality Exempelstad: its units and accounts, all with the demo password. The login page lists the
 * accounts (demo mode only); app/demo/seed.server.ts creates them.
 */
export const DEMO_PASSWORD = "demo-tillsammans-2026";

export const demoUnits: { key: string; name: string; kind: UnitKind; enrolledChildren?: number; serves?: string }[] = [
  { key: "larkan", name: "Förskolan Lärkan", kind: "preschool", enrolledChildren: 64 },
  { key: "ekorren", name: "Förskolan Ekorren", kind: "preschool", enrolledChildren: 48 },
  { key: "solrosen", name: "Förskolan Solrosen", kind: "preschool", enrolledChildren: 92 },
  { key: "solbacken", name: "Solbackens skola", kind: "school", enrolledChildren: 412 },
  { key: "vastra", name: "Västra skolan", kind: "school", enrolledChildren: 538 },
  { key: "norr", name: "Norrskolan", kind: "school", enrolledChildren: 634 },
  { key: "hamn", name: "Hamnskolan", kind: "school", enrolledChildren: 287 },
  { key: "eht", name: "Elevhälsan Solbacken", kind: "student_health", serves: "solbacken" },
  { key: "mottagning", name: "Mottagningen för barn och unga", kind: "reception" },
  { key: "utredning", name: "Utredningsenheten barn och unga", kind: "investigation" },
  { key: "samverkan", name: "Samverkansenheten", kind: "coordination" },
  { key: "ledning", name: "Förvaltningsstöd och ledning", kind: "administration" },
];

export const demoAccounts: { email: string; name: string; unit: string; role: Role }[] = [
  { email: "rektor@exempelstad.example", name: "Karin Lindqvist", unit: "solbacken", role: "principal" },
  { email: "larare@exempelstad.example", name: "Johan Berg", unit: "solbacken", role: "staff" },
  { email: "forskola@exempelstad.example", name: "Amira Hassan", unit: "larkan", role: "staff" },
  { email: "kurator@exempelstad.example", name: "Nora Karlsson", unit: "eht", role: "staff" },
  { email: "mottagning@exempelstad.example", name: "Eva Sjöberg", unit: "mottagning", role: "reception_worker" },
  { email: "gruppledare@exempelstad.example", name: "Maria Lundgren", unit: "mottagning", role: "reception_lead" },
  { email: "utredare@exempelstad.example", name: "Mikael Nyström", unit: "utredning", role: "investigator" },
  { email: "samordnare@exempelstad.example", name: "Lena Ekholm", unit: "samverkan", role: "coordinator" },
  { email: "styrgrupp@exempelstad.example", name: "Per Holmgren", unit: "ledning", role: "steering" },
  { email: "admin@exempelstad.example", name: "Sara Wikström", unit: "ledning", role: "admin" },
  // A second administrator approves what one proposes; the reviewer reads the audit log (issue 22).
  { email: "admin2@exempelstad.example", name: "Olof Bergman", unit: "ledning", role: "admin" },
  { email: "granskare@exempelstad.example", name: "Hanna Forsberg", unit: "ledning", role: "security_reviewer" },
];
