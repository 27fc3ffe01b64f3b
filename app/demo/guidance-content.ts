/**
 * The standard guidance loaded into a municipality without any: written for this portal from the law and the
 * municipal audits in ../shared (not copied). Legal references are data, so coordinators update them when the law
 * is renumbered; `{{placeholders}}` are filled from the municipality's contact settings at render time.
 *
 * About the references: the Social Services Act (2025:400) replaced SoL (2001:453) on 1 July 2025 and renumbered
 * the sections. The new section numbers could not be checked against a primary source when this was written, so
 * the new act is cited by name and topic with the old section in brackets. The seed records no review: its versions
 * are loaded unreviewed, so every reference shows as not checked against the enacted text until a coordinator checks
 * the text and its references and marks the version reviewed (docs/decisions/007).
 *
 * Long Markdown lines are wrapped with a backslash at the end of the line: in a template literal, backslash-newline
 * adds nothing to the text, so each paragraph is still one line in the stored Markdown.
 */
export interface SeedText {
  title: string;
  summary: string;
  /** Markdown. */
  body: string;
}
export interface SeedArticle {
  slug: string;
  sortOrder: number;
  legalReferences: string[];
  /** When the text was written and published: not a review. */
  publishedOn: string;
  sv: SeedText;
  en: SeedText;
}
export interface SeedAgreementVersion {
  /** When this version was adopted and published: not a review. */
  publishedOn: string;
  nextReviewOn: string;
  legalReferences: string[];
  changeSummary: { sv: string; en: string };
  sv: SeedText;
  en: SeedText;
}

// Socialtjänstlagen (2025:400): cited by topic, with the section of the repealed act it replaces.
const SOL_REPORTING = "Socialtjänstlagen (2025:400), anmälningsskyldigheten (tidigare 14 kap. 1 § SoL 2001:453)";
const SOL_EVERYONE = "Socialtjänstlagen (2025:400), var och en bör anmäla (tidigare 14 kap. 1 c § SoL 2001:453)";
const SOL_MEETING =
  "Socialtjänstlagen (2025:400), möte med barnet, vårdnadshavaren och anmälaren (tidigare 14 kap. 1 a § SoL 2001:453)";
const SOL_FEEDBACK = "Socialtjänstlagen (2025:400), återkoppling till anmälaren (tidigare 14 kap. 1 b § SoL 2001:453)";
const SOL_ASSESSMENT =
  "Socialtjänstlagen (2025:400), skyddsbedömning och beslut om utredning inom 14 dagar (tidigare 11 kap. 1 a § SoL 2001:453)";
const SOL_FOUR_MONTHS = "Socialtjänstlagen (2025:400), utredningstid fyra månader (tidigare 11 kap. 2 § SoL 2001:453)";
const SOL_PROVIDE_INFORMATION =
  "Socialtjänstlagen (2025:400), uppgiftsskyldigheten (tidigare 14 kap. 1 § SoL 2001:453)";
const PROP_2025_26_12 =
  "Prop. 2025/26:12 Stärkt skydd för barn som riskerar att fara illa (förslag, inte gällande rätt: återkoppling inom " +
  "viss tid, sekretess hos anmälaren)";
const SKOLLAGEN = "Skollagen (2010:800) 29 kap. 13 § (hänvisning till anmälningsskyldigheten)";
const OSL_26_1 = "Offentlighets- och sekretesslagen (2009:400) 26 kap. 1 § (sekretess inom socialtjänsten)";
const OSL_26_5 = "Offentlighets- och sekretesslagen (2009:400) 26 kap. 5 § (uppgifter om vem som har anmält)";
const OSL_26_9A = "Offentlighets- och sekretesslagen (2009:400) 26 kap. 9 a § (uppgift till anmälaren)";
const OSL_12_2 = "Offentlighets- och sekretesslagen (2009:400) 12 kap. 2 § (samtycke)";
const OSL_12_3 =
  "Offentlighets- och sekretesslagen (2009:400) 12 kap. 3 § (sekretess i förhållande till vårdnadshavare)";
const OSL_10_28 = "Offentlighets- och sekretesslagen (2009:400) 10 kap. 28 § (uppgiftsskyldighet bryter sekretess)";
const LVU_6 = "Lag (1990:52) med särskilda bestämmelser om vård av unga, 6 § (omedelbart omhändertagande)";
const SOSFS = "SOSFS 2014:5 Dokumentation i verksamhet som bedrivs med stöd av SoL, LVU, LVM och LSS";
const ARBETSMILJOLAGEN = "Arbetsmiljölagen (1977:1160) 3 kap. 2 § (arbetsgivarens ansvar)";
const BARNKONVENTIONEN = "Lag (2018:1197) om Förenta nationernas konvention om barnets rättigheter";

const PUBLISHED = "2026-11-01";

export const seedArticles: SeedArticle[] = [
  {
    slug: "reporting-duty",
    sortOrder: 10,
    legalReferences: [SOL_REPORTING, SOL_EVERYONE, SKOLLAGEN, BARNKONVENTIONEN],
    publishedOn: PUBLISHED,
    sv: {
      title: "Anmälningsskyldigheten",
      summary: "Vem som ska anmäla, när du ska göra det och varför det är du själv som anmäler.",
      body: `## Vem är skyldig att anmäla?

Alla som arbetar i förskola, skola, fritidshem och elevhälsa är skyldiga att anmäla till socialtjänsten om de i sitt \
arbete får kännedom om eller misstänker att ett barn far illa. Det gäller oavsett om verksamheten är kommunal eller \
fristående, och oavsett vilken tjänst du har:

- förskollärare, barnskötare, lärare och personal i fritidshemmet
- elevassistenter, vikarier och annan personal som möter barnen
- skolsköterskor, kuratorer, psykologer och specialpedagoger i elevhälsan
- rektorer och biträdande rektorer

Skollagen hänvisar till samma skyldighet. Den är alltså en del av ditt uppdrag, inte något utöver det.

## När ska du anmäla?

Du ska anmäla **genast**.

- **Du behöver inte vara säker.** Det räcker att du misstänker att ett barn far illa.
- **Du behöver inga bevis.** Det är socialtjänstens uppgift att ta reda på vad som har hänt.
- **Vänta inte** till nästa elevhälsomöte, till utvecklingssamtalet eller tills du tycker att du har ”tillräckligt”. \
Har du oron i dag anmäler du i dag.
- **Anmäl även om du tror att socialtjänsten redan känner till barnet.** Dina iakttagelser kan vara nya för dem.

Att ett barn far illa kan till exempel handla om våld, sexuella övergrepp, försummelse, att barnet lever med våld \
mellan vuxna i familjen, hedersrelaterat våld och förtryck, eller att barnet själv utsätter sig för risker genom \
missbruk eller kriminalitet. Skyldigheten gäller barn under 18 år.

## Skyldigheten är personlig

Det är du som har sett, hört eller fått veta något som ska anmäla. Du kan inte lämna över skyldigheten till rektor, \
elevhälsan eller en kollega, och du har inte fullgjort den genom att berätta för någon annan.

Din rektor kan och bör stötta dig. Rektor kan hjälpa dig att formulera anmälan och skriva under tillsammans med dig. \
Men anmälan ska bygga på dina iakttagelser och ha ditt namn. Det är också du som bjuds in till ett eventuellt \
anmälningsmöte och som får återkoppling, eftersom det är du som känner barnet och kan svara på följdfrågor.

## Alla andra bör anmäla

Den som inte möter barn i sitt arbete, till exempel en granne, en släkting eller en förälder till ett annat barn, \
**bör** anmäla. För dig som arbetar i förskola eller skola är det inte ett val. Du **ska** anmäla.

## Du anmäler – du utreder inte

Din uppgift är att berätta vad du har sett och hört. Det är socialtjänsten som bedömer och utreder.

- Fråga inte ut barnet. Lyssna, och skriv ner barnets egna ord.
- Samla inte bevis och försök inte själv ta reda på om det stämmer.
- Är du osäker på om det du har sett räcker för en anmälan kan du \
[ringa mottagningen för råd](/guidance/advice-before-reporting) utan att säga barnets namn.

Läs också [Så skriver du en tydlig anmälan](/guidance/writing-a-clear-report).`,
    },
    en: {
      title: "The reporting duty",
      summary: "Who must report, when you must do it, and why you report yourself.",
      body: `## Who must report?

Everyone who works in a preschool, school, after-school centre or student health service must report to social \
services if, in their work, they learn of or suspect that a child is being harmed. This applies whether the service is \
run by the municipality or independently, and whatever your position:

- preschool teachers, childminders, teachers and after-school staff
- pupil assistants, substitutes and other staff who meet the children
- school nurses, counsellors, psychologists and special educators in the student health team
- principals and deputy principals

The Education Act refers to the same duty. It is part of your job, not something on top of it.

## When must you report?

You must report **at once**.

- **You do not need to be certain.** It is enough that you suspect a child is being harmed.
- **You need no proof.** Finding out what has happened is the task of social services.
- **Do not wait** for the next student health meeting, the development talk, or until you feel you have "enough". If \
you have the concern today, you report today.
- **Report even if you think social services already know the child.** Your observations may be new to them.

A child being harmed can, for example, mean violence, sexual abuse, neglect, the child living with violence between \
adults in the family, honour-related violence and oppression, or the child putting themselves at risk through \
substance abuse or crime. The duty covers children under 18.

## The duty is personal

The person who has seen, heard or learned something reports. You cannot hand the duty over to the principal, the \
student health team or a colleague, and you have not fulfilled it by telling someone else.

Your principal can and should support you. The principal can help you put the report into words and sign it with you. \
But the report should rest on your observations and carry your name. You are also the one invited to any report \
meeting and the one who gets feedback, because you know the child and can answer follow-up questions.

## Everyone else should report

People who do not meet children in their work, such as a neighbour, a relative or the parent of another child, \
**should** report. For you who work in a preschool or school it is not a choice. You **must** report.

## You report – you do not investigate

Your task is to say what you have seen and heard. Social services assess and investigate.

- Do not question the child. Listen, and write down the child's own words.
- Do not collect evidence or try to find out for yourself whether it is true.
- If you are unsure whether what you have seen is enough for a report, you can \
[phone reception for advice](/guidance/advice-before-reporting) without giving the child's name.

Read also [How to write a clear report](/guidance/writing-a-clear-report).`,
    },
  },
  {
    slug: "acute-situations",
    sortOrder: 20,
    legalReferences: [SOL_REPORTING, SOL_ASSESSMENT, LVU_6],
    publishedOn: PUBLISHED,
    sv: {
      title: "Akuta situationer",
      summary: "Ring först och skriv anmälan sedan. Så gör du när ett barn kan behöva skydd redan i dag.",
      body: `## Ring först

Om ett barn kan behöva skydd redan i dag räcker det inte att skriva en anmälan och vänta. Ring först:

1. **Fara för liv eller hälsa, eller ett pågående brott:** ring **{{emergencyNumber}}** och be om polis eller ambulans.
2. **Under mottagningens öppettider** ({{receptionHours}}): ring mottagningen på **{{receptionPhone}}** och säg att \
det gäller en akut anmälan.
3. **När mottagningen är stängd** ({{outOfHoursHours}}): ring socialjouren på **{{outOfHoursPhone}}**.

Berätta för din rektor vad som händer, men vänta inte på rektor innan du ringer.

## Vad kan vara akut?

- Barnet är rädd för att gå hem eller säger att hen inte vågar gå hem.
- Barnet har färska skador som kan komma från våld, eller berättar att någon har skadat hen.
- Barnet berättar om sexuella övergrepp, eller du har stark misstanke om det.
- Barnet berättar om hot, våld eller kontroll som har med heder att göra, till exempel att hen ska giftas bort eller \
skickas utomlands mot sin vilja.
- Barnet blir inte hämtat och ingen vårdnadshavare går att nå, eller den som ska hämta är påverkad eller hotfull.

Är du osäker på om det är akut, ring ändå. Mottagningen eller socialjouren hjälper dig att bedöma det.

## Medan ni väntar

- Låt barnet stanna hos en vuxen som barnet är trygg med. Skicka inte hem barnet.
- Kontakta **inte** vårdnadshavarna om misstanken gäller våld, sexuella övergrepp eller hedersrelaterat våld i \
familjen. Socialtjänsten och polisen avgör när och hur familjen ska informeras.
- Fråga inte ut barnet och be inte barnet berätta igen för fler personer. Polisen kan senare behöva höra barnet, och \
då ska berättelsen vara så opåverkad som möjligt.
- Undersök inte barnet och fotografera inte skador. Beskriv i stället med ord vad du såg.
- Skriv ner vad barnet sa, ordagrant, och vad klockan var.

## Skriv anmälan efteråt

En anmälan per telefon ska alltid följas av en skriftlig anmälan, samma dag om det går. Skriv den i portalen och \
kryssa i **Det är akut**. Skriv också vem du talade med, när, och vad ni kom överens om.

Mottagningen gör en skyddsbedömning direkt när en akut anmälan kommer in. Om barnet behöver skydd kan socialtjänsten \
bland annat besluta att barnet omedelbart ska omhändertas.

## Efteråt

Att vara med om en akut situation tar kraft. Prata med din rektor om vad som hände, vilket stöd du behöver och hur \
förskolan eller skolan tar hand om barnet de närmaste dagarna. Läs mer i \
[Stöd från din rektor](/guidance/support-from-your-principal).`,
    },
    en: {
      title: "Acute situations",
      summary: "Phone first, then write the report. What to do when a child may need protection today.",
      body: `## Phone first

If a child may need protection today, it is not enough to write a report and wait. Phone first:

1. **Danger to life or health, or a crime in progress:** call **{{emergencyNumber}}** and ask for the police or an ambulance.
2. **During reception's opening hours** ({{receptionHours}}): phone reception on **{{receptionPhone}}** and say it is an acute report.
3. **When reception is closed** ({{outOfHoursHours}}): phone the out-of-hours social services on **{{outOfHoursPhone}}**.

Tell your principal what is happening, but do not wait for the principal before you phone.

## What can be acute?

- The child is afraid to go home or says they do not dare to go home.
- The child has fresh injuries that may come from violence, or tells you someone has hurt them.
- The child tells of sexual abuse, or you strongly suspect it.
- The child tells of threats, violence or control connected to honour, for example that they are to be married off or \
sent abroad against their will.
- The child is not collected and no guardian can be reached, or the adult who comes to collect the child is intoxicated or threatening.

If you are unsure whether it is acute, phone anyway. Reception or the out-of-hours service will help you judge.

## While you wait

- Let the child stay with an adult the child feels safe with. Do not send the child home.
- Do **not** contact the guardians if the suspicion concerns violence, sexual abuse or honour-related violence in the \
family. Social services and the police decide when and how the family is told.
- Do not question the child, and do not ask the child to tell the story again to more people. The police may need to \
interview the child later, and the account should then be as uninfluenced as possible.
- Do not examine the child and do not photograph injuries. Describe in words what you saw instead.
- Write down what the child said, word for word, and the time.

## Write the report afterwards

A report by phone is always followed by a written report, the same day if possible. Write it in the portal and tick \
**It is acute**. Also write whom you spoke to, when, and what you agreed.

Reception makes a protection assessment as soon as an acute report arrives. If the child needs protection, social \
services can, among other things, decide that the child is to be taken into care at once.

## Afterwards

Being part of an acute situation takes its toll. Talk to your principal about what happened, what support you need, \
and how the preschool or school looks after the child in the days ahead. Read more in \
[Support from your principal](/guidance/support-from-your-principal).`,
    },
  },
  {
    slug: "writing-a-clear-report",
    sortOrder: 30,
    legalReferences: [SOL_REPORTING, OSL_12_3, SOSFS],
    publishedOn: PUBLISHED,
    sv: {
      title: "Så skriver du en tydlig anmälan",
      summary: "Beskriv vad du har sett och hört, med datum och barnets egna ord – inte vad du tror.",
      body: `## Konkret, inte lång

En tydlig anmälan hjälper mottagningen att snabbt förstå oron och bedöma om barnet behöver skydd. Den behöver inte \
vara lång, men den ska vara konkret. ”Hade ett blåmärke stort som en tumme på vänster överarm” säger mer än ”verkar \
utsatt”.

## Det här ska finnas med

- **Vad du har sett och hört.** Beskriv vad som hände, var och när.
- **Datum och gärna tid.** Finns ett mönster över tid, skriv de datum du känner till, till exempel från dina anteckningar eller frånvaron.
- **Barnets egna ord.** Skriv ordagrant vad barnet sa, inom citattecken, och i vilket sammanhang: sa barnet det \
spontant, under en lektion eller som svar på en fråga?
- **Vad vårdnadshavarna vet.** Har du eller skolan berättat om oron eller om anmälan? Om inte, skriv varför.
- **Om tolk behövs** för barnet eller vårdnadshavarna, och på vilket språk.
- **Andra som redan är inkopplade**, till exempel barnavårdscentralen, barn- och ungdomspsykiatrin, vården eller polisen.
- **Vad förskolan eller skolan redan har gjort**, till exempel samtal med vårdnadshavare eller stöd från elevhälsan.
- **Dina kontaktuppgifter**, så att mottagningen kan nå dig med följdfrågor.
- **Koden från ett rådgivningssamtal**, om du har ringt mottagningen för råd innan.

## Det här ska inte finnas med

- **Gissningar och tolkningar.** Skriv ”Hon grät och sa att hon inte ville gå hem” i stället för ”Hon är rädd för sin pappa”.
- **Diagnoser och slutsatser** om barnet eller vårdnadshavarna, till exempel ”mamman är deprimerad”.
- **Din egen utredning.** Fråga inte ut barnet i detalj, be inte barnet visa skador och kontrollera inte uppgifter med \
andra. Det kan skada både barnet och socialtjänstens eller polisens fortsatta arbete.
- **Andrahandsuppgifter utan källa.** Har någon annan berättat något för dig, skriv vem och när. Har en kollega själv \
sett något, be kollegan anmäla.

## Ska vårdnadshavarna veta?

Ofta är det bra att vårdnadshavarna får veta att förskolan eller skolan anmäler och varför. Det gör det lättare att \
fortsätta samarbeta. Men gäller misstanken våld, sexuella övergrepp eller hedersrelaterat våld i familjen ska du \
**inte** berätta. Skriv i anmälan att du inte har berättat och varför, så avgör socialtjänsten hur och när familjen \
informeras.

## Ett exempel

> Tisdag 3 mars kl. 8.20 kom Alva (7 år) till skolan med ett blåmärke stort som en tumme på vänster kind. Jag frågade \
hur hon mådde. Hon sa: ”Jag får inte säga något, då blir pappa arg.” Hon ville inte gå ut på rasten och satt nära mig \
resten av förmiddagen. Alva har sagt liknande saker två gånger tidigare, 10 och 24 februari. Vårdnadshavarna är inte \
informerade eftersom uppgifterna tyder på våld i hemmet.

Kort, med datum och med barnets egna ord. En sådan anmälan behöver sällan kompletteras.

## Om du får veta mer

När anmälan är skickad kan den inte ändras. Får du veta något nytt lägger du till en komplettering i portalen, med datum för det nya.`,
    },
    en: {
      title: "How to write a clear report",
      summary: "Describe what you have seen and heard, with dates and the child's own words – not what you believe.",
      body: `## Concrete, not long

A clear report helps reception understand the concern quickly and judge whether the child needs protection. It does \
not need to be long, but it must be concrete. "Had a bruise the size of a thumb on the left upper arm" says more than \
"seems to be at risk".

## What to include

- **What you have seen and heard.** Describe what happened, where and when.
- **Dates, and times if you can.** If there is a pattern over time, give the dates you know, for example from your \
notes or from the absence records.
- **The child's own words.** Write exactly what the child said, in quotation marks, and in what situation: did the \
child say it unprompted, during a lesson, or in answer to a question?
- **What the guardians know.** Have you or the school told them about the concern or the report? If not, say why.
- **Whether an interpreter is needed** for the child or the guardians, and for which language.
- **Others already involved**, for example the child health centre, child and adolescent psychiatry, health care or the police.
- **What the preschool or school has already done**, for example talks with the guardians or support from the student health team.
- **Your contact details**, so that reception can reach you with follow-up questions.
- **The code from an advice call**, if you phoned reception for advice beforehand.

## What not to include

- **Guesses and interpretations.** Write "She cried and said she did not want to go home" rather than "She is afraid of her dad".
- **Diagnoses and conclusions** about the child or the guardians, for example "the mother is depressed".
- **Your own investigation.** Do not question the child in detail, do not ask the child to show injuries, and do not \
check the information with others. It can harm both the child and the later work of social services or the police.
- **Second-hand information without a source.** If someone else told you something, say who and when. If a colleague \
saw something themselves, ask the colleague to report.

## Should the guardians know?

It is often good for the guardians to know that the preschool or school is reporting and why. It makes it easier to \
keep working together. But if the suspicion concerns violence, sexual abuse or honour-related violence in the family, \
do **not** tell them. Write in the report that you have not told them and why, and social services will decide how and \
when the family is informed.

## An example

> Tuesday 3 March at 8.20 Alva (7) came to school with a bruise the size of a thumb on her left cheek. I asked how she \
was. She said: "I'm not allowed to say anything, then dad gets angry." She did not want to go out at break and sat \
close to me for the rest of the morning. Alva has said similar things twice before, on 10 and 24 February. The \
guardians have not been told, because what she says points to violence at home.

Short, with dates and with the child's own words. Such a report rarely needs supplementing.

## If you learn more

Once a report is sent it cannot be changed. If you learn something new, add a supplement in the portal, with the date \
of the new information.`,
    },
  },
  {
    slug: "after-a-report",
    sortOrder: 40,
    legalReferences: [
      SOL_ASSESSMENT,
      SOL_MEETING,
      SOL_FEEDBACK,
      PROP_2025_26_12,
      OSL_26_1,
      OSL_26_5,
      OSL_26_9A,
      OSL_12_2,
      SOL_FOUR_MONTHS,
      SOSFS,
    ],
    publishedOn: PUBLISHED,
    sv: {
      title: "Vad händer efter en anmälan?",
      summary: "Skyddsbedömning, beslut inom 14 dagar, anmälningsmöte och vilken återkoppling du kan få.",
      body: `## Samma dag eller senast dagen efter: skyddsbedömning

När anmälan kommer in bedömer mottagningen genast om barnet behöver skydd omedelbart. Skyddsbedömningen görs samma dag \
eller senast dagen efter. Du ser i portalen att anmälan har tagits emot.

## Inom 14 dagar: beslut om utredning

Sedan gör mottagningen en förhandsbedömning. Socialtjänsten kan prata med barnet och vårdnadshavarna och kan kontakta \
dig med följdfrågor. Beslutet om att inleda eller inte inleda en utredning ska fattas inom 14 dagar från att anmälan \
kom in, om det inte finns synnerliga skäl. Har barnet redan en pågående utredning går anmälan till den som har ärendet.

## Anmälningsmöte

När det är lämpligt med hänsyn till barnets bästa bör socialtjänsten erbjuda ett möte med barnet, vårdnadshavarna och \
den som har anmält. Där går ni tillsammans igenom vad anmälan handlar om. Mötet kan hållas på plats, digitalt eller \
per telefon.

Möte erbjuds oftast **inte** när det finns misstanke om våld, sexuella övergrepp eller hedersrelaterat våld i \
familjen, eller när barnet kan behöva skyddas omedelbart.

Får du en inbjudan är det viktigt att just du kommer, eftersom det är du som känner barnet och kan svara på frågor. \
Passar inte tiden kan du föreslå en annan. Går det inte alls kan en kollega som känner barnet väl komma i ditt ställe.

## Vilken återkoppling får du?

Du som har anmält i ditt arbete kan få veta

- att anmälan har **tagits emot**, och
- om en utredning **inleds**, **inte inleds** eller **redan pågår**.

I portalen får du detta automatiskt när beslutet är fattat. Vilka tider kommunen har lovat står i \
[samverkansöverenskommelsen](/guidance/agreement).

### Vad lagen säger i dag

Socialtjänstlagen (2025:400) gäller sedan den 1 juli 2025 och ersatte socialtjänstlagen (2001:453). Regeln om \
återkoppling stod i 14 kap. 1 b § i den gamla lagen: socialtjänsten **får** berätta för den som har anmält i sitt \
arbete om en utredning har inletts, inte har inletts eller redan pågår. Lagen säger inte att socialtjänsten måste \
återkoppla, och inte inom vilken tid. Paragrafens nummer i den nya lagen är inte kontrollerat mot lagtexten än.

### Förslag, inte gällande rätt: återkoppling inom viss tid

Den 11 september 2025 lämnade regeringen prop. 2025/26:12 Stärkt skydd för barn som riskerar att fara illa till \
riksdagen. Där föreslås att socialtjänstens återkoppling till den som är anmälningsskyldig ska lämnas inom en viss \
tid, och att sekretess ska gälla hos den anmälningsskyldiga för uppgifter i anmälan och i återkopplingen. Förslaget \
är inte gällande rätt förrän riksdagen har beslutat det och lagändringen har trätt i kraft. Då uppdateras den här \
texten med lagens nummer och det datum den gäller från.

## Varför får du inte veta mer?

Inom socialtjänsten är sekretessen stark. Uppgifter om ett barn och en familj får bara lämnas ut om det står klart att \
ingen tar skada av det. Därför får socialtjänsten inte berätta mer än ovan utan samtycke.

Om vårdnadshavarna, och beroende på ålder och mognad barnet, **samtycker** kan socialtjänsten berätta mer, till \
exempel vilket stöd familjen får och hur förskolan eller skolan kan hjälpa till. Ett samtycke gäller en viss \
mottagare, vissa uppgifter och en viss tid, och det kan återkallas när som helst.

Det du får veta ska du också hantera varsamt. Dela det bara med dem som behöver veta för att kunna stödja barnet.

## Kan det hållas hemligt att det var du som anmälde?

Är du eller någon närstående hotad, eller rädd att bli det, kan du i anmälan be att det om möjligt hålls hemligt för \
familjen vem som har anmält. Skriv varför.

- Socialtjänsten får hålla uppgifter om vem som har anmält hemliga om det kan antas att du eller någon närstående \
annars utsätts för våld eller annat allvarligt men (offentlighets- och sekretesslagen 26 kap. 5 §). Det är en \
bedömning av risken, inte ett löfte.
- Socialtjänsten prövar frågan från fall till fall, när någon begär att få ta del av uppgifterna.
- Vårdnadshavarna är parter i utredningen och har rätt att ta del av det som tillförs den (partsinsyn enligt \
förvaltningslagen och socialtjänstlagen). Uppgifter ur anmälan kan därför bli kända för dem.
- Familjen kan ofta räkna ut varifrån en anmälan kommer, av det som står i den.
- Den som anmäler i sitt arbete förväntas i regel stå för sin anmälan. Att be om skydd är till för när det finns en \
verklig risk.

Använd verksamhetens telefonnummer och adress, inte dina privata, och berätta för din rektor om hotet. Läs mer i \
[Stöd från din rektor](/guidance/support-from-your-principal).

## Om en utredning inleds

En utredning ska vara klar inom fyra månader, om den inte förlängs av särskilda skäl. Du kan bli kontaktad och ska då \
lämna de uppgifter som kan ha betydelse. Läs mer om [uppgiftsskyldigheten](/guidance/duty-to-provide-information).

## Om ingen utredning inleds

Det betyder inte att din anmälan var fel. Socialtjänsten kan ha bedömt att barnet inte behöver skydd eller insatser \
just nu, eller hänvisat familjen till annat stöd. Finns oron kvar, eller blir den större, ska du anmäla igen. Varje \
anmälan bedöms, och flera anmälningar kan tillsammans visa ett mönster.`,
    },
    en: {
      title: "What happens after a report?",
      summary: "Protection assessment, a decision within 14 days, the report meeting and the feedback you can expect.",
      body: `## The same day or at the latest the day after: protection assessment

When a report arrives, reception immediately assesses whether the child needs protection at once. The protection \
assessment is made the same day or at the latest the day after. You can see in the portal that the report has been \
received.

## Within 14 days: the decision on an investigation

Reception then makes a pre-assessment. Social services may talk to the child and the guardians and may contact you \
with follow-up questions. The decision to open or not open an investigation must be made within 14 days of the report \
arriving, unless there are exceptional reasons. If the child already has an ongoing investigation, the report goes to \
whoever handles that case.

## Report meeting

When it is appropriate in view of the child's best interests, social services should offer a meeting with the child, \
the guardians and the person who reported. There you go through together what the report is about. The meeting can be \
held in person, online or by phone.

A meeting is usually **not** offered when violence, sexual abuse or honour-related violence in the family is \
suspected, or when the child may need protection at once.

If you are invited, it matters that you come yourself, because you know the child and can answer questions. If the \
time does not suit you, you can propose another. If you cannot come at all, a colleague who knows the child well can \
come in your place.

## What feedback do you get?

As someone who reported in your work, you can be told

- that the report has been **received**, and
- whether an investigation is **opened**, **not opened** or **already ongoing**.

In the portal you get this automatically once the decision is made. The times your municipality has promised are in \
[the collaboration agreement](/guidance/agreement).

### What the law says today

The Social Services Act (2025:400) has applied since 1 July 2025 and replaced the Social Services Act (2001:453). The \
rule on feedback was in chapter 14, section 1 b of the old act: social services **may** tell someone who reported in \
their work whether an investigation has been opened, has not been opened or is already ongoing. The law does not say \
that social services must give feedback, nor within what time. The section's number in the new act has not yet been \
checked against the enacted text.

### A proposal, not the law in force: feedback within a set time

On 11 September 2025 the Government put bill prop. 2025/26:12, Stronger protection for children at risk of harm, to \
the Riksdag. It proposes that social services give their feedback to mandatory reporters within a set time, and that \
secrecy apply at the mandatory reporter's workplace to information in the report and the feedback. The proposal is \
not the law in force until the Riksdag has passed it and the change has entered into force. This text will then be \
updated with the act's number and the date it applies from.

## Why are you not told more?

Secrecy within social services is strong. Information about a child and a family may be disclosed only if it is clear \
that no one will be harmed by it. That is why social services may not tell you more than the above without consent.

If the guardians, and depending on age and maturity the child, **consent**, social services can tell you more, for \
example what support the family gets and how the preschool or school can help. A consent covers a particular \
recipient, particular information and a particular period, and it can be withdrawn at any time.

You must also handle what you are told with care. Share it only with those who need to know in order to support the child.

## Can it be kept secret that you made the report?

If you or someone close to you is threatened, or afraid of being, you can ask in the report that who made it be kept \
from the family if possible. Write why.

- Social services may keep information about who made a report secret if it can be assumed that you or someone close \
to you would otherwise be subjected to violence or other serious harm (the Public Access to Information and Secrecy \
Act, OSL 26 kap. 5 §). It is an assessment of the risk, not a promise.
- Social services decide the question case by case, when someone asks to see the information.
- The guardians are parties to the investigation and have the right to see what is added to it (party insight under \
the Administrative Procedure Act and the Social Services Act). Information from the report may therefore become known \
to them.
- Families can often work out where a report came from, from what it says.
- Someone who reports in their work is generally expected to stand for their report. Asking for protection is meant \
for when there is a real risk.

Use the service's phone number and address, not your private ones, and tell your principal about the threat. Read more \
in [Support from your principal](/guidance/support-from-your-principal).

## If an investigation is opened

An investigation is to be finished within four months, unless it is extended for special reasons. You may be contacted \
and must then give the information that may matter. Read more about \
[the duty to provide information](/guidance/duty-to-provide-information).

## If no investigation is opened

It does not mean your report was wrong. Social services may have judged that the child does not need protection or \
support right now, or referred the family to other help. If the concern remains, or grows, report again. Every report \
is assessed, and several reports together can show a pattern.`,
    },
  },
  {
    slug: "duty-to-provide-information",
    sortOrder: 50,
    legalReferences: [SOL_PROVIDE_INFORMATION, OSL_10_28, SKOLLAGEN],
    publishedOn: PUBLISHED,
    sv: {
      title: "Uppgiftsskyldigheten",
      summary: "När socialtjänsten frågar under en utredning ska du lämna de uppgifter som kan ha betydelse.",
      body: `## Vad innebär den?

Du som har anmälningsskyldighet har också en **uppgiftsskyldighet**. När socialtjänsten utreder ett barns behov av \
skydd ska du lämna alla uppgifter som kan ha betydelse för utredningen.

Skyldigheten gäller oavsett vem som har anmält. Den gäller också när någon annan har gjort anmälan, eller när \
socialtjänsten har inlett utredningen av andra skäl.

## Sekretessen hindrar inte

Förskolans och skolans sekretess hindrar dig inte från att svara. När en lag säger att uppgifter ska lämnas till en \
annan myndighet bryts sekretessen. Du behöver alltså inte vårdnadshavarnas samtycke för att svara på socialtjänstens \
frågor.

Tänk på att det du lämnar blir en del av utredningen. Vårdnadshavarna har som regel rätt att ta del av den.

## Hur går det till?

- Socialtjänsten kontaktar dig eller din rektor per telefon eller skriftligt och berättar vad de vill veta.
- Ringer någon som säger sig vara från socialtjänsten och du inte känner igen personen: ring tillbaka via kommunens \
växel eller mottagningen innan du lämnar uppgifter.
- Svara sakligt och håll dig till det du vet: närvaro och frånvaro, hur barnet fungerar i gruppen och i lärandet, \
kontakten med vårdnadshavarna, vad du har sett och hört och vilket stöd förskolan eller skolan har gett.
- Skilj på det du själv har iakttagit och det andra har berättat för dig.
- Ombeds du svara skriftligt, skriv kort och med datum. Fråga gärna rektor eller elevhälsan om hjälp.
- Anteckna i verksamhetens system att uppgifter har lämnats, till vem och när.

## Det här behöver du inte göra

- Du behöver inte ta reda på nya saker eller utreda. Du svarar med det du vet.
- Du ska inte bedöma om familjen behöver stöd. Det är socialtjänstens uppgift.
- Du ska inte berätta för barnet eller vårdnadshavarna vad socialtjänsten har frågat om, om inte socialtjänsten säger att det går bra.

## Andra frågor från socialtjänsten

Ibland ber socialtjänsten om uppgifter i en utredning om vårdnad, boende eller umgänge. Då kan andra regler gälla. \
Prata med din rektor innan du svarar.

## Om du är osäker

Prata med din rektor. Rektor ansvarar för att förskolan eller skolan har rutiner för att lämna uppgifter och för att \
du får stöd när du gör det.`,
    },
    en: {
      title: "The duty to provide information",
      summary: "When social services ask during an investigation, you must give the information that may matter.",
      body: `## What does it mean?

As someone with a duty to report, you also have a **duty to provide information**. When social services investigate a \
child's need of protection, you must give all information that may matter to the investigation.

The duty applies regardless of who reported. It also applies when someone else made the report, or when social \
services opened the investigation for other reasons.

## Secrecy does not stop you

The secrecy of the preschool or school does not prevent you from answering. When a law says that information must be \
given to another authority, secrecy gives way. So you do not need the guardians' consent to answer social services' \
questions.

Bear in mind that what you give becomes part of the investigation. The guardians generally have the right to read it.

## How does it work?

- Social services contact you or your principal by phone or in writing and say what they want to know.
- If someone phones saying they are from social services and you do not recognise them, call back through the \
municipality's switchboard or reception before you give any information.
- Answer factually and keep to what you know: attendance and absence, how the child manages in the group and in \
learning, contact with the guardians, what you have seen and heard, and what support the preschool or school has given.
- Keep apart what you observed yourself and what others told you.
- If you are asked to answer in writing, keep it short and dated. Feel free to ask the principal or the student health team for help.
- Record in the service's system that information was given, to whom and when.

## What you do not need to do

- You do not need to find out new things or investigate. You answer with what you know.
- You should not judge whether the family needs support. That is for social services.
- You should not tell the child or the guardians what social services asked about, unless social services say that is fine.

## Other questions from social services

Sometimes social services ask for information in an investigation about custody, residence or contact. Other rules may \
then apply. Talk to your principal before you answer.

## If you are unsure

Talk to your principal. The principal is responsible for the preschool or school having routines for giving \
information, and for you getting support when you do.`,
    },
  },
  {
    slug: "support-from-your-principal",
    sortOrder: 60,
    legalReferences: [SOL_REPORTING, ARBETSMILJOLAGEN, OSL_26_5, SKOLLAGEN],
    publishedOn: PUBLISHED,
    sv: {
      title: "Stöd från din rektor",
      summary: "Före, under och efter en anmälan – också när vårdnadshavare hotar eller pressar dig.",
      body: `## Före anmälan

Du kan alltid prata med din rektor eller elevhälsan när du är orolig för ett barn. Samtalet kan hjälpa dig att sortera \
vad du har sett, men det får inte fördröja anmälan. Finns oron kvar efter samtalet anmäler du samma dag.

## När du skriver anmälan

- Rektor ser till att du får tid att skriva och att någon tar hand om din grupp under tiden.
- Rektor kan sitta med när du skriver och skriva under tillsammans med dig. Rektor får då samma återkoppling som du.
- Anmälan ska ändå bygga på dina iakttagelser och ha ditt namn. Det är du som känner barnet och som bjuds in till ett \
eventuellt anmälningsmöte.

Om rektor i undantagsfall skriver anmälan, till exempel för att du har blivit hotad, ska det framgå vem som har sett \
och hört det som beskrivs och varför någon annan skriver. Portalen frågar efter det.

## Efter anmälan

- Prata igenom vad som hände. Det är vanligt att känna oro eller tvivel efter en anmälan.
- Planera tillsammans hur förskolan eller skolan stöttar barnet de närmaste dagarna.
- Följ upp återkopplingen från socialtjänsten tillsammans och bestäm vem som går på ett eventuellt anmälningsmöte.

## Om vårdnadshavare hotar eller pressar dig

Hot och påtryckningar mot personal ska alltid tas på allvar. Arbetsgivaren har ansvar för din arbetsmiljö, också när \
hotet kommer från en vårdnadshavare.

- Berätta för rektor direkt. Rektor ska göra en riskbedömning och vidta åtgärder.
- Hot kan polisanmälas. Rektor hjälper dig med det och med att rapportera händelsen som ett tillbud eller en arbetsskada.
- Rektor kan ta samtal med vårdnadshavarna i stället för dig, eller sitta med.
- Använd verksamhetens telefonnummer och adress i anmälan, inte dina privata.
- Socialtjänsten prövar om uppgifter om vem som har anmält kan hållas hemliga för familjen. Det går inte att lova i \
förväg, och ofta kan familjen räkna ut varifrån anmälan kommer.

Anmälan ska ändå göras. Om rektor eller en kollega tar över anmälan för att skydda dig får den som känner barnet ingen \
inbjudan och ingen återkoppling. Prata hellre om vilket stöd du behöver för att själv kunna anmäla.

## Var får du stöd?

- **Din rektor** – alltid först.
- **Elevhälsan** – kurator, psykolog eller skolsköterska kan stötta både dig och barnet.
- **Skyddsombudet** – om arbetsmiljön och hot.
- **Företagshälsovården** – om du behöver samtalsstöd efter en svår händelse.
- **Mottagningen** – för råd om anmälan, se [Kontakt och öppettider](/guidance/contact-and-opening-hours).`,
    },
    en: {
      title: "Support from your principal",
      summary: "Before, during and after a report – also when guardians threaten or pressure you.",
      body: `## Before the report

You can always talk to your principal or the student health team when you are worried about a child. The talk can help \
you sort out what you have seen, but it must not delay the report. If the concern remains after the talk, report the \
same day.

## When you write the report

- The principal makes sure you have time to write and that someone looks after your group meanwhile.
- The principal can sit with you while you write and sign the report with you. The principal then gets the same feedback as you.
- The report should still rest on your observations and carry your name. You know the child, and you are the one \
invited to any report meeting.

If, as an exception, the principal writes the report, for example because you have been threatened, the report must \
say who saw and heard what it describes and why someone else is writing. The portal asks for this.

## After the report

- Talk through what happened. It is common to feel uneasy or doubtful after a report.
- Plan together how the preschool or school supports the child in the days ahead.
- Follow up the feedback from social services together and decide who goes to any report meeting.

## If guardians threaten or pressure you

Threats and pressure against staff must always be taken seriously. The employer is responsible for your working \
environment, also when the threat comes from a guardian.

- Tell your principal at once. The principal is to assess the risk and take action.
- Threats can be reported to the police. The principal helps you with that and with reporting the event as an incident \
or an occupational injury.
- The principal can talk to the guardians instead of you, or join the conversation.
- Use the service's phone number and address in the report, not your private ones.
- Social services decide whether information about who reported can be kept from the family. It cannot be promised in \
advance, and families can often work out where a report came from.

The report must still be made. If the principal or a colleague takes over the report to protect you, the person who \
knows the child gets no invitation and no feedback. Talk instead about the support you need to report yourself.

## Where can you get support?

- **Your principal** – always first.
- **The student health team** – the counsellor, psychologist or school nurse can support both you and the child.
- **The safety representative** – about the working environment and threats.
- **Occupational health services** – if you need someone to talk to after a difficult event.
- **Reception** – for advice on reporting, see [Contact and opening hours](/guidance/contact-and-opening-hours).`,
    },
  },
  {
    slug: "signs-of-neglect-in-young-children",
    sortOrder: 70,
    legalReferences: [SOL_REPORTING, BARNKONVENTIONEN],
    publishedOn: PUBLISHED,
    sv: {
      title: "Tecken på försummelse hos små barn",
      summary:
        "För dig i förskolan: vad du kan lägga märke till, varför mönstret över tid spelar roll och hur du dokumenterar.",
      body: `Små barn kan sällan berätta själva hur de har det. I förskolan är det därför ofta det du ser dag efter \
dag som väcker oron. Försummelse, eller omsorgssvikt, betyder att barnets grundläggande behov av omsorg, trygghet och \
stimulans inte blir tillgodosedda.

## Sådant du kan lägga märke till

- **Hygien:** barnet är ofta smutsigt eller luktar illa, blöjan har inte bytts på länge, eller barnet har sår, utslag \
eller löss som inte behandlas.
- **Mat:** barnet är ofta mycket hungrigt när det kommer, tar mat från andra eller gömmer mat, eller har inte med sig det som behövs.
- **Kläder:** kläderna passar inte vädret eller storleken, dag efter dag.
- **Sömn:** barnet är trött på ett sätt som inte går över, eller somnar så fort det får vila.
- **Hämtning och lämning:** barnet hämtas ofta sent eller inte alls, av olika okända vuxna, eller av en vuxen som verkar påverkad.
- **Hälsa och utveckling:** barnet får inte vård när det är sjukt, har obehandlade tandproblem, eller utvecklas \
långsammare än väntat utan att någon söker hjälp.
- **Lek och beteende:** barnet är mycket passivt eller mycket oroligt, söker kontakt med alla vuxna utan åtskillnad, \
reagerar inte när det gör sig illa, eller leker ut våld eller sexuella handlingar.
- **Samspelet vid hämtning:** barnet verkar rädd, eller den vuxna är hård, avvisande eller ointresserad av barnet.

## Mönstret över tid

Ett enstaka tecken betyder sällan något. Alla barn kommer ibland trötta eller med fel kläder. Det är när tecknen \
återkommer, eller flera syns samtidigt, som de säger något.

Tecknen kan också ha andra förklaringar, till exempel sjukdom eller en familj som har det svårt ekonomiskt. Det är \
inte din uppgift att ta reda på orsaken. Barnet kan behöva stöd oavsett varför, och socialtjänsten kan hjälpa familjen.

## Dokumentera med datum

- Skriv ner vad du ser, sakligt och med **datum**, så fort som möjligt.
- Beskriv det du ser, inte vad du tror att det beror på: ”Kom 8.00 i sommarskor, det var minus fem grader” i stället \
för ”föräldrarna bryr sig inte”.
- Skriv ner barnets egna ord ordagrant, om barnet säger något.
- Förvara anteckningarna enligt förskolans rutiner, inte i din privata telefon.

Vänta ändå inte med att anmäla tills du har ”tillräckligt”. Skyldigheten gäller redan när du misstänker att barnet far illa.

## Prata med kollegor och rektor

Fråga kollegorna vad de har sett, och ta upp oron med rektor. Det är ändå den som har oron som anmäler. Är du osäker \
kan du [ringa mottagningen för råd](/guidance/advice-before-reporting) utan att säga barnets namn.`,
    },
    en: {
      title: "Signs of neglect in young children",
      summary: "For preschool staff: what you may notice, why the pattern over time matters, and how to document it.",
      body: `Young children can seldom tell anyone how they are doing. In the preschool it is therefore often what you \
see day after day that raises the concern. Neglect means that the child's basic needs for care, safety and stimulation \
are not being met.

## Things you may notice

- **Hygiene:** the child is often dirty or smells, the nappy has not been changed for a long time, or the child has \
sores, rashes or lice that are not treated.
- **Food:** the child is often very hungry on arrival, takes food from others or hides food, or does not bring what is needed.
- **Clothes:** the clothes do not suit the weather or do not fit, day after day.
- **Sleep:** the child is tired in a way that does not pass, or falls asleep as soon as there is rest time.
- **Drop-off and pick-up:** the child is often collected late or not at all, by different unknown adults, or by an \
adult who seems intoxicated.
- **Health and development:** the child gets no care when ill, has untreated dental problems, or develops more slowly \
than expected without anyone seeking help.
- **Play and behaviour:** the child is very passive or very anxious, seeks contact with any adult without distinction, \
does not react when hurt, or plays out violence or sexual acts.
- **Interaction at pick-up:** the child seems afraid, or the adult is harsh, dismissive or uninterested in the child.

## The pattern over time

One sign on its own seldom means much. All children sometimes arrive tired or in the wrong clothes. It is when the \
signs recur, or several appear together, that they tell you something.

The signs may also have other explanations, such as illness or a family in financial difficulty. It is not your task \
to find the cause. The child may need support whatever the reason, and social services can help the family.

## Document with dates

- Write down what you see, factually and with **dates**, as soon as you can.
- Describe what you see, not what you think it is due to: "Arrived at 8.00 in summer shoes, it was minus five degrees" \
rather than "the parents don't care".
- Write down the child's own words exactly, if the child says something.
- Keep the notes according to the preschool's routines, not on your private phone.

But do not wait to report until you have "enough". The duty applies as soon as you suspect the child is being harmed.

## Talk to colleagues and your principal

Ask your colleagues what they have seen, and raise the concern with your principal. It is still the person with the \
concern who reports. If you are unsure, you can [phone reception for advice](/guidance/advice-before-reporting) \
without giving the child's name.`,
    },
  },
  {
    slug: "advice-before-reporting",
    sortOrder: 80,
    legalReferences: [SOL_REPORTING, OSL_26_1],
    publishedOn: PUBLISHED,
    sv: {
      title: "Ring och fråga om råd",
      summary: "Rådgivning utan barnets namn – vad du ska ha klart, och när samtalet blir en anmälan.",
      body: `## Du kan fråga utan att säga vem det gäller

Är du osäker på om det du har sett är skäl att anmäla kan du ringa mottagningen och fråga om råd. Ring \
**{{receptionPhone}}** ({{receptionHours}}).

Beskriv situationen **utan barnets namn, personnummer eller andra uppgifter** som pekar ut barnet eller familjen, till \
exempel en ovanlig familjesituation eller en liten förskola. Mottagningen antecknar att samtalet har ägt rum och \
vilket råd du fick, men inget som kan identifiera barnet.

## Ha det här klart innan du ringer

- Barnets ålder och om det gäller förskola, skola eller fritidshem.
- Vad du har sett och hört, och när. Ha gärna dina anteckningar framför dig.
- Barnets egna ord, om barnet har sagt något.
- Vad du och förskolan eller skolan redan har gjort, till exempel samtal med vårdnadshavare.
- Vad du undrar över: om du ska anmäla, hur du ska formulera dig, eller om du ska berätta för vårdnadshavarna.

## Efter samtalet

Du får en kort **kod**, till exempel R-7K3Q. Skriv in koden i anmälan om du sedan anmäler, så kopplas rådet till \
anmälan. Du kan också få rådet skriftligt i din inkorg i portalen.

## Bra att veta

- **Säger du barnets namn** kan mottagningen behöva behandla samtalet som en anmälan. Det är inget fel, men var medveten om det.
- **Ett råd ersätter inte den skriftliga anmälan.** Blir rådet att anmäla, gör det samma dag.
- **Ansvaret är ditt.** Mottagningen ger råd utifrån det du berättar, men det är du som avgör om du misstänker att \
barnet far illa. Är du fortfarande orolig efter samtalet, anmäl.
- **Är det akut ringer du inte för råd.** Då ringer du för att anmäla, eller {{emergencyNumber}} om barnet är i fara. \
Läs [Akuta situationer](/guidance/acute-situations).

## Andra du kan prata med

Du kan också prata med din rektor eller med elevhälsan på din förskola eller skola. Det är ofta ett bra första steg, \
men det får inte fördröja anmälan.`,
    },
    en: {
      title: "Phone for advice",
      summary: "Advice without the child's name – what to have ready, and when the call becomes a report.",
      body: `## You can ask without saying who it is about

If you are unsure whether what you have seen is a reason to report, you can phone reception and ask for advice. Phone \
**{{receptionPhone}}** ({{receptionHours}}).

Describe the situation **without the child's name, personal identity number or other details** that point to the child \
or the family, such as an unusual family situation or a very small preschool. Reception notes that the call took place \
and what advice you were given, but nothing that could identify the child.

## Have this ready before you phone

- The child's age, and whether it concerns a preschool, school or after-school centre.
- What you have seen and heard, and when. Have your notes in front of you.
- The child's own words, if the child has said something.
- What you and the preschool or school have already done, for example talks with the guardians.
- What you want to know: whether to report, how to put it, or whether to tell the guardians.

## After the call

You get a short **code**, for example R-7K3Q. Enter the code in the report if you then report, and the advice is \
linked to the report. You can also get the advice in writing in your inbox in the portal.

## Good to know

- **If you give the child's name**, reception may need to treat the call as a report. That is not wrong, but be aware of it.
- **Advice does not replace the written report.** If the advice is to report, do it the same day.
- **The responsibility is yours.** Reception advises on the basis of what you tell them, but you decide whether you \
suspect the child is being harmed. If you are still worried after the call, report.
- **If it is acute, you do not phone for advice.** You phone to report, or call {{emergencyNumber}} if the child is in \
danger. Read [Acute situations](/guidance/acute-situations).

## Others you can talk to

You can also talk to your principal or to the student health team at your preschool or school. That is often a good \
first step, but it must not delay the report.`,
    },
  },
  {
    slug: "contact-and-opening-hours",
    sortOrder: 90,
    legalReferences: [],
    publishedOn: PUBLISHED,
    sv: {
      title: "Kontakt och öppettider",
      summary: "Mottagningen, socialjouren och nödnumret – och när du ska vända dig vart.",
      body: `## Mottagningen för barn och unga

- Telefon: **{{receptionPhone}}**
- Öppet: {{receptionHours}}
- E-post: {{receptionEmail}}

Ring mottagningen när du

- vill ha råd om en oro, utan att säga barnets namn
- behöver anmäla något akut under dagtid
- har frågor om en anmälan du redan har gjort, eller om ett anmälningsmöte.

E-postadressen är till för allmänna frågor. Skicka aldrig anmälningar eller andra uppgifter om ett barn med vanlig \
e-post, eftersom e-post inte är ett säkert sätt att skicka personuppgifter.

## Socialjouren

- Telefon: **{{outOfHoursPhone}}**
- Öppet: {{outOfHoursHours}}

Socialjouren tar emot akuta ärenden när mottagningen är stängd, till exempel när ett barn inte vågar gå hem efter \
fritidshemmet eller inte blir hämtat på kvällen. Det som inte är akut kan vänta tills mottagningen öppnar.

## Akut fara

Ring **{{emergencyNumber}}** om ett barn är i omedelbar fara, eller om ett brott pågår. Ring sedan mottagningen eller \
socialjouren, och skriv anmälan så snart du kan.

## Skriftliga anmälningar

Skriv anmälan i portalen under **Anmälningar**. Du kan spara ett utkast medan du skriver, och du får en kvittens när \
anmälan har kommit fram. Det som har med anmälan att göra, som inbjudan till anmälningsmöte och återkoppling, får du \
sedan i din inkorg i portalen.

Om portalen inte fungerar: ring mottagningen, så får du veta hur du lämnar anmälan i stället. Vänta inte med en \
anmälan för att portalen krånglar.

## Frågor om samverkan och utbildning

Frågor om samarbetet mellan förskola, skola och socialtjänst, eller om utbildningar i anmälningsskyldigheten, ställer \
du till samordnarna. Deras kontaktuppgifter finns i [samverkansöverenskommelsen](/guidance/agreement).

## Om telefonnumren

Telefonnummer och öppettider på den här sidan hämtas från kommunens inställningar i portalen. Ser något fel ut, säg till din rektor.`,
    },
    en: {
      title: "Contact and opening hours",
      summary: "Reception, the out-of-hours social services and the emergency number – and whom to contact when.",
      body: `## Reception for children and young people

- Phone: **{{receptionPhone}}**
- Open: {{receptionHours}}
- E-mail: {{receptionEmail}}

Phone reception when you

- want advice about a concern, without giving the child's name
- need to report something acute during the day
- have questions about a report you have already made, or about a report meeting.

The e-mail address is for general questions. Never send reports or other information about a child by ordinary e-mail, \
because e-mail is not a safe way to send personal data.

## Out-of-hours social services

- Phone: **{{outOfHoursPhone}}**
- Open: {{outOfHoursHours}}

The out-of-hours service takes acute cases when reception is closed, for example when a child does not dare to go home \
after the after-school centre, or is not collected in the evening. Anything that is not acute can wait until reception \
opens.

## Immediate danger

Call **{{emergencyNumber}}** if a child is in immediate danger or a crime is in progress. Then phone reception or the \
out-of-hours service, and write the report as soon as you can.

## Written reports

Write the report in the portal under **Reports**. You can save a draft while you write, and you get a receipt when the \
report has arrived. Everything to do with the report, such as an invitation to a report meeting and feedback, then \
comes to your inbox in the portal.

If the portal is not working: phone reception and you will be told how to make the report instead. Do not hold back a \
report because the portal is giving trouble.

## Questions about collaboration and training

Questions about the collaboration between preschool, school and social services, or about trainings on the reporting \
duty, go to the coordinators. Their contact details are in the [collaboration agreement](/guidance/agreement).

## About the phone numbers

The phone numbers and opening hours on this page come from the municipality's settings in the portal. If something \
looks wrong, tell your principal.`,
    },
  },
];

export const seedAgreementVersions: SeedAgreementVersion[] = [
  {
    publishedOn: "2019-06-01",
    nextReviewOn: "2021-06-01",
    legalReferences: [
      "Socialtjänstlagen (2001:453) 14 kap. 1 § (anmälningsskyldighet och uppgiftsskyldighet)",
      "Socialtjänstlagen (2001:453) 14 kap. 1 a–1 b §§ (möte och information till anmälaren)",
      SKOLLAGEN,
      OSL_26_1,
    ],
    changeSummary: {
      sv:
        "Överenskommelsen från 2014 är omarbetad: gemensam rådgivning per telefon, skriftliga anmälningar, " +
        "återkoppling per brev och två samordnare, en i varje förvaltning.",
      en:
        "The 2014 agreement has been revised: shared phone advice, written reports, feedback by letter and two " +
        "coordinators, one in each administration.",
    },
    sv: {
      title: "Samverkansöverenskommelse: Vi gör det tillsammans",
      summary:
        "Överenskommelse mellan skolförvaltningen och socialförvaltningen i Exempelstad om barn som far illa eller riskerar att fara illa.",
      body: `## Parter och syfte

Överenskommelsen gäller mellan skolförvaltningen, som ansvarar för kommunens förskolor och skolor, och socialförvaltningen i Exempelstad.

Förskola, skola och socialtjänst kan tillsammans göra stor skillnad för barn som far illa eller riskerar att fara \
illa. Syftet är att sådana barn upptäcks tidigt och får rätt stöd, och att medarbetarna i båda förvaltningarna vet hur \
vi arbetar tillsammans.

## Skolförvaltningen åtar sig att

- alla medarbetare i förskola och skola känner till anmälningsskyldigheten,
- anmälningar görs skriftligt och utan dröjsmål av den som har oron,
- rektor stöttar medarbetarna vid en anmälan,
- förskolan eller skolan deltar i anmälningsmöten när den bjuds in.

## Socialförvaltningen åtar sig att

- ge råd per telefon till medarbetare i förskola och skola, också utan att barnets namn nämns,
- ta emot och bedöma anmälningar enligt lagen,
- erbjuda anmälningsmöten när det är lämpligt,
- lämna återkoppling per brev till den som har anmält om att anmälan har tagits emot och om utredning inleds, inte inleds eller redan pågår.

## Gemensamma rutiner

- Rådgivning per telefon vardagar under mottagningens öppettider.
- Anmälan görs skriftligt på kommunens blankett. I akuta situationer ringer man först.
- En utbildning om anmälningsskyldigheten per termin, öppen för alla medarbetare.

## Samordnare

Varje förvaltning har en samordnare på halvtid som sprider kunskap om anmälningsskyldigheten och om den andra förvaltningens uppdrag:

- Anna Lind, samordnare, skolförvaltningen – samordnare.skola@exempelstad.example
- Jonas Ek, samordnare, socialförvaltningen – samordnare.social@exempelstad.example

## Styrgrupp och uppföljning

Utbildningsdirektören och socialdirektören bildar styrgrupp tillsammans med cheferna för elevhälsan och för \
avdelningen barn och unga. Styrgruppen träffas två gånger per termin och följer upp överenskommelsen en gång per år.

## Giltighet

Överenskommelsen gäller från 1 juni 2019 och ses över senast 1 juni 2021.`,
    },
    en: {
      title: "Collaboration agreement: We do it together",
      summary:
        "Agreement between the education administration and the social administration of Exempelstad on children " +
        "who are being harmed or are at risk of harm.",
      body: `## Parties and purpose

The agreement is between the education administration, which is responsible for the municipality's preschools and \
schools, and the social administration of Exempelstad.

Together, preschool, school and social services can make a great difference for children who are being harmed or are \
at risk of harm. The purpose is that such children are noticed early and get the right support, and that staff in both \
administrations know how we work together.

## The education administration undertakes that

- all preschool and school staff know the reporting duty,
- reports are made in writing and without delay by the person who has the concern,
- the principal supports staff when they report,
- the preschool or school takes part in report meetings when invited.

## The social administration undertakes to

- give advice by phone to preschool and school staff, also without the child's name being given,
- receive and assess reports as the law requires,
- offer report meetings when appropriate,
- give feedback by letter to the person who reported: that the report was received, and whether an investigation is \
opened, not opened or already ongoing.

## Joint routines

- Phone advice on weekdays during reception's opening hours.
- Reports are made in writing on the municipality's form. In acute situations, phone first.
- One training on the reporting duty each term, open to all staff.

## Coordinators

Each administration has a half-time coordinator who spreads knowledge of the reporting duty and of the other administration's mission:

- Anna Lind, coordinator, education administration – samordnare.skola@exempelstad.example
- Jonas Ek, coordinator, social administration – samordnare.social@exempelstad.example

## Steering group and follow-up

The director of education and the director of social services form the steering group together with the heads of \
student health and of the children and young people department. The steering group meets twice a term and follows up \
the agreement once a year.

## Validity

The agreement applies from 1 June 2019 and is reviewed by 1 June 2021 at the latest.`,
    },
  },
  {
    publishedOn: "2026-08-15",
    nextReviewOn: "2028-08-15",
    legalReferences: [
      SOL_REPORTING,
      SOL_MEETING,
      SOL_FEEDBACK,
      PROP_2025_26_12,
      SKOLLAGEN,
      OSL_26_1,
      OSL_12_2,
      BARNKONVENTIONEN,
    ],
    changeSummary: {
      sv:
        "Överenskommelsen bygger nu på portalen Tillsammans: rådgivning, anmälan, anmälningsmöten och återkoppling " +
        "går genom portalen i stället för blanketter och brev. Grundläggande återkoppling ges senast tre " +
        "arbetsdagar efter beslutet, och utökad återkoppling förutsätter ett samtycke i portalens samtyckesregister. " +
        "Utbildningarna samlas i en gemensam kalender, och avstämningar med enheter utgår från statistiken.",
      en:
        "The agreement now rests on the Tillsammans portal: advice, reports, report meetings and feedback go " +
        "through the portal instead of forms and letters. Basic feedback is given at the latest three working days " +
        "after the decision, and extended feedback requires a consent in the portal's consent register. Trainings " +
        "are gathered in a shared calendar, and check-ins with units are based on the statistics.",
    },
    sv: {
      title: "Samverkansöverenskommelse: Vi gör det tillsammans",
      summary:
        "Överenskommelse mellan skolförvaltningen och socialförvaltningen i Exempelstad om barn som far illa eller riskerar att fara illa.",
      body: `## Parter och syfte

Överenskommelsen gäller mellan skolförvaltningen, som ansvarar för kommunens förskolor och skolor, och socialförvaltningen i Exempelstad.

Förskola, skola och socialtjänst kan tillsammans göra stor skillnad för barn som far illa eller riskerar att fara \
illa. Syftet är att sådana barn upptäcks tidigt och får rätt stöd, att den som har en oro vet vad hen ska göra, och \
att hen får veta vad som händer sedan. Barnets bästa är utgångspunkten för allt vi gör tillsammans.

## Skolförvaltningen åtar sig att

- alla medarbetare i förskola och skola känner till anmälningsskyldigheten och går grundutbildningen inom sitt första \
halvår, och repeterar den minst vart tredje år,
- den som har oron anmäler skriftligt och genast i portalen Tillsammans,
- rektor stöttar medarbetarna före, under och efter en anmälan, också när vårdnadshavare hotar eller pressar dem,
- den som har anmält deltar i anmälningsmötet när hen blir inbjuden, och annars en kollega som känner barnet,
- återkoppling och andra uppgifter om en anmälan hanteras med sekretess och bara delas med dem som behöver dem för att stödja barnet.

## Socialförvaltningen åtar sig att

- ge råd per telefon och anteckna rådet utan uppgifter som kan identifiera barnet,
- göra skyddsbedömning samma dag eller senast dagen efter och fatta beslut om utredning inom 14 dagar,
- erbjuda anmälningsmöte när det är lämpligt med hänsyn till barnets bästa, och anteckna skälet när möte inte erbjuds,
- ge grundläggande återkoppling i portalen senast tre arbetsdagar efter beslutet, eller tidigare om lagen kräver det,
- så långt det går se till att förskolan eller skolan får återkopplingen senast samma dag som vårdnadshavarna informeras,
- ge utökad återkoppling bara när ett giltigt samtycke finns i samtyckesregistret.

## Gemensamma rutiner

### Rådgivning

Medarbetare kan ringa mottagningen för råd utan att nämna barnets namn. Rådet antecknas avidentifierat och anmälaren \
får en kod som kan skrivas in i en senare anmälan. Rådet kan också skickas skriftligt till anmälarens inkorg i portalen.

### Anmälan

Anmälan görs alltid skriftligt i portalen. I akuta situationer ringer man först till 112, mottagningen eller \
socialjouren och skriver anmälan efteråt. Rektor kan skriva under tillsammans med den som anmäler.

### Anmälningsmöten

Inbjudan skickas till den som har skrivit under anmälan. Hen kan i portalen tacka ja, tacka nej, föreslå en annan tid \
eller meddela att en kollega som känner barnet kommer i stället. Mötet kan hållas på plats, digitalt eller per telefon.

### Återkoppling och samtycke

Grundläggande återkoppling är att anmälan har tagits emot och om utredning inleds, inte inleds eller redan pågår. Mer \
än så lämnas bara med samtycke. Samtycket förs in i portalens samtyckesregister med vem som har samtyckt, till vilken \
mottagare, vilka uppgifter det gäller och hur länge. Ett samtycke kan återkallas när som helst och gäller då inte \
längre.

### Utbildningar

Samordnarna lägger varje termin ut en utbildningskalender i portalen: grundutbildning för nyanställda, fördjupning för \
rektorer och elevhälsa, och utbildning för socialförvaltningens medarbetare om förskolans och skolans uppdrag och \
regler.

### Avstämningar med enheter

Varje termin tar samordnarna fram statistik per förskola och skola: antal anmälningar i förhållande till antalet barn, \
hur ofta anmälningar behöver kompletteras, deltagande i anmälningsmöten och andel medarbetare som har gått \
utbildningen. Enheter som anmäler påfallande sällan eller ofta, eller vars anmälningar ofta behöver kompletteras, \
erbjuds en avstämning med båda samordnarna.

## Samordnare och kontaktpersoner

- Anna Lind, samordnare, skolförvaltningen – samordnare.skola@exempelstad.example
- Jonas Ek, samordnare, socialförvaltningen – samordnare.social@exempelstad.example
- Mottagningen för barn och unga – mottagningen@exempelstad.example (inte för anmälningar)

Varje förskola och skola utser en kontaktperson, oftast i elevhälsan, som håller i enhetens rutiner och tar emot \
information från samordnarna.

## Styrgrupp

Utbildningsdirektören och socialdirektören bildar styrgrupp tillsammans med cheferna för elevhälsan och för \
avdelningen barn och unga. Samordnarna är föredragande. Styrgruppen träffas två gånger per termin, följer statistiken \
utan personuppgifter och beslutar om åtgärder. Tal som är så små att ett barn kan identifieras redovisas inte.

## Uppföljning

Samordnarna sammanställer varje år en rapport till båda nämnderna: antal anmälningar och utfall, tider för \
skyddsbedömning, beslut och återkoppling, anmälningsmöten, utbildningstäckning och genomförda avstämningar. Rapporten \
ligger till grund för översynen av överenskommelsen.

## Giltighet och översyn

Överenskommelsen gäller från 15 augusti 2026 och ses över senast 15 augusti 2028, eller tidigare om lagstiftningen ändras.`,
    },
    en: {
      title: "Collaboration agreement: We do it together",
      summary:
        "Agreement between the education administration and the social administration of Exempelstad on children " +
        "who are being harmed or are at risk of harm.",
      body: `## Parties and purpose

The agreement is between the education administration, which is responsible for the municipality's preschools and \
schools, and the social administration of Exempelstad.

Together, preschool, school and social services can make a great difference for children who are being harmed or are \
at risk of harm. The purpose is that such children are noticed early and get the right support, that whoever has a \
concern knows what to do, and that they learn what happens next. The child's best interests are the starting point for \
everything we do together.

## The education administration undertakes that

- all preschool and school staff know the reporting duty, take the basic training within their first six months, and \
refresh it at least every third year,
- the person who has the concern reports in writing and at once in the Tillsammans portal,
- the principal supports staff before, during and after a report, also when guardians threaten or pressure them,
- the person who reported attends the report meeting when invited, and otherwise a colleague who knows the child,
- feedback and other information about a report are handled as confidential and shared only with those who need them to support the child.

## The social administration undertakes to

- give advice by phone and record the advice without anything that could identify the child,
- make the protection assessment the same day or at the latest the day after, and decide on an investigation within 14 days,
- offer a report meeting when it is appropriate in view of the child's best interests, and record the reason when no meeting is offered,
- give basic feedback in the portal at the latest three working days after the decision, or sooner if the law requires it,
- as far as possible make sure the preschool or school gets the feedback no later than the day the guardians are informed,
- give extended feedback only when a valid consent is in the consent register.

## Joint routines

### Advice

Staff can phone reception for advice without giving the child's name. The advice is recorded de-identified, and the \
reporter gets a code that can be entered in a later report. The advice can also be sent in writing to the reporter's \
inbox in the portal.

### Reports

Reports are always made in writing in the portal. In acute situations, phone 112, reception or the out-of-hours social \
services first, and write the report afterwards. The principal can sign together with the person reporting.

### Report meetings

The invitation goes to the person who signed the report. In the portal they can accept, decline, propose another time, \
or say that a colleague who knows the child will come instead. The meeting can be held in person, online or by phone.

### Feedback and consent

Basic feedback is that the report was received and whether an investigation is opened, not opened or already ongoing. \
Anything more is given only with consent. The consent is entered in the portal's consent register with who consented, \
to which recipient, what information it covers and for how long. A consent can be withdrawn at any time and then no \
longer applies.

### Trainings

Each term the coordinators publish a training calendar in the portal: basic training for new staff, in-depth training \
for principals and student health teams, and training for social administration staff about the mission and rules of \
preschools and schools.

### Check-ins with units

Each term the coordinators produce statistics per preschool and school: the number of reports relative to the number \
of children, how often reports need supplementing, attendance at report meetings, and the share of staff who have \
taken the training. Units that report strikingly seldom or often, or whose reports often need supplementing, are \
offered a check-in with both coordinators.

## Coordinators and contact persons

- Anna Lind, coordinator, education administration – samordnare.skola@exempelstad.example
- Jonas Ek, coordinator, social administration – samordnare.social@exempelstad.example
- Reception for children and young people – mottagningen@exempelstad.example (not for reports)

Each preschool and school appoints a contact person, usually in the student health team, who looks after the unit's \
routines and receives information from the coordinators.

## Steering group

The director of education and the director of social services form the steering group together with the heads of \
student health and of the children and young people department. The coordinators present the matters. The steering \
group meets twice a term, follows the statistics without personal data, and decides on measures. Numbers so small that \
a child could be identified are not reported.

## Follow-up

Each year the coordinators compile a report to both committees: the number of reports and their outcomes, the times \
for protection assessment, decision and feedback, report meetings, training coverage and the check-ins held. The \
report is the basis for reviewing the agreement.

## Validity and review

The agreement applies from 15 August 2026 and is reviewed by 15 August 2028 at the latest, or earlier if the law changes.`,
    },
  },
];
