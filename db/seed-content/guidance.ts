/**
 * The standard guidance loaded into a municipality without any: written for this portal from the law and the
 * municipal audits in ../shared (not copied). Legal references are data, so coordinators update them when the law
 * is renumbered; `{{placeholders}}` are filled from the municipality's contact settings.
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
  reviewedOn: string;
  sv: SeedText;
  en: SeedText;
}
export interface SeedAgreementVersion {
  reviewedOn: string;
  nextReviewOn: string;
  legalReferences: string[];
  changeSummary: { sv: string; en: string };
  sv: SeedText;
  en: SeedText;
}

const SOL = "Socialtjänstlagen (2025:400), bestämmelserna om anmälningsskyldighet (tidigare 14 kap. 1 § SoL 2001:453)";
const SOL_FEEDBACK = "Socialtjänstlagen (2025:400), återkoppling till anmälare (tidigare 14 kap. 1 b § SoL 2001:453)";
const SKOLLAGEN = "Skollagen (2010:800) 29 kap. 13 §";
const OSL_26 = "Offentlighets- och sekretesslagen (2009:400) 26 kap. 1 §";
const OSL_12 = "Offentlighets- och sekretesslagen (2009:400) 12 kap. (samtycke)";
const OSL_10 = "Offentlighets- och sekretesslagen (2009:400) 10 kap. 28 § (uppgiftsskyldighet bryter sekretess)";
const SOSFS = "SOSFS 2014:5 om dokumentation i socialtjänsten";
const BARNKONVENTIONEN = "Lag (2018:1197) om Förenta nationernas konvention om barnets rättigheter";
const REVIEWED = "2026-11-01";

export const seedArticles: SeedArticle[] = [
  {
    slug: "reporting-duty",
    sortOrder: 10,
    legalReferences: [SOL, SKOLLAGEN, BARNKONVENTIONEN],
    reviewedOn: REVIEWED,
    sv: {
      title: "Anmälningsskyldigheten",
      summary: "Vem som ska anmäla, när, och varför det är du själv som gör det.",
      body: `## Vem ska anmäla?

Alla som arbetar i förskola, skola, fritidshem och elevhälsa är skyldiga att anmäla till socialtjänsten. Det gäller lärare, förskollärare, barnskötare, elevassistenter, skolsköterskor, kuratorer, rektorer och andra i verksamheten. Skyldigheten gäller även dig som är vikarie eller praktikant.

## När ska du anmäla?

- **Genast** – vänta inte till mötet nästa vecka eller tills du har pratat med alla.
- **Redan vid misstanke.** Du behöver inte vara säker och du behöver inga bevis. Det räcker att du känner till eller misstänker att ett barn far illa eller riskerar att fara illa.
- Det gäller till exempel våld, sexuella övergrepp, försummelse, att barnet lever med våld i familjen, hedersrelaterat förtryck eller att barnets eget beteende sätter barnet i fara.

## Skyldigheten är personlig

Det är du som har sett eller hört något som ska anmäla. Du kan inte lämna över skyldigheten till rektor, elevhälsan eller en kollega. Din rektor kan stötta dig och skriva under anmälan tillsammans med dig – men det är din oro och dina iakttagelser som anmälan ska bygga på.

Att den som har oron skriver anmälan gör skillnad: det är du som bjuds in till anmälningsmötet och du som känner barnet.

## Du anmäler – du utreder inte

Din uppgift är att berätta vad du har sett och hört. Det är socialtjänsten som bedömer och utreder. Fråga inte ut barnet och kontakta inte vårdnadshavarna för att kontrollera uppgifter innan du anmäler.

Är du osäker kan du ringa mottagningen och fråga om råd utan att säga barnets namn.`,
    },
    en: {
      title: "The reporting duty",
      summary: "Who must report, when, and why you do it yourself.",
      body: `## Who must report?

Everyone who works in a preschool, school, after-school centre or student health service must report to social services. That includes teachers, preschool teachers, childminders, pupil assistants, school nurses, counsellors, principals and others in the service. It applies to substitutes and trainees as well.

## When must you report?

- **At once** – do not wait for next week's meeting or until you have talked to everyone.
- **Already at suspicion.** You do not need to be certain and you need no proof. It is enough that you know or suspect that a child is being harmed or is at risk of harm.
- This covers, for example, violence, sexual abuse, neglect, a child living with violence in the family, honour-related oppression, or the child's own behaviour putting them at risk.

## The duty is personal

You, who saw or heard something, report. You cannot hand the duty over to the principal, the student health team or a colleague. Your principal can support you and sign the report with you – but the report should rest on your concern and your observations.

It matters that the person with the concern writes the report: you are the one invited to the report meeting, and you are the one who knows the child.

## You report – you do not investigate

Your task is to say what you have seen and heard. Social services assess and investigate. Do not question the child and do not contact the guardians to check things before you report.

If you are unsure, you can phone reception for advice without giving the child's name.`,
    },
  },
  {
    slug: "acute-situations",
    sortOrder: 20,
    legalReferences: [SOL],
    reviewedOn: REVIEWED,
    sv: {
      title: "Akuta situationer",
      summary: "Ring först, skriv anmälan sedan.",
      body: `## Ring först

Om barnet är i akut fara: ring **{{emergencyNumber}}**. Ring sedan mottagningen på {{receptionPhone}} ({{receptionHours}}). När mottagningen är stängd ringer du socialjouren på {{outOfHoursPhone}} ({{outOfHoursHours}}).

## Vad kan vara akut?

- Barnet är rädd för att gå hem eller vill inte gå hem.
- Barnet har färska skador som kan komma från våld.
- Barnet berättar om sexuella övergrepp.
- Barnet berättar om hot, tvångsgifte eller resor utomlands som barnet är rädd för.
- En vuxen som ska hämta barnet är påverkad eller hotfull.

## Skriv anmälan efteråt

En anmälan per telefon ska alltid följas av en skriftlig anmälan så snart som möjligt. Skriv vad du såg och hörde, när, och vad som sades i telefonsamtalet. Markera anmälan som akut.

## Berätta för rektor

Informera din rektor om vad som har hänt. Rektor ansvarar för att du får stöd och för att verksamheten kan ta hand om barnet under dagen.`,
    },
    en: {
      title: "Acute situations",
      summary: "Phone first, then write the report.",
      body: `## Phone first

If the child is in immediate danger: call **{{emergencyNumber}}**. Then phone reception on {{receptionPhone}} ({{receptionHours}}). When reception is closed, phone the out-of-hours social services on {{outOfHoursPhone}} ({{outOfHoursHours}}).

## What can be acute?

- The child is afraid to go home or does not want to go home.
- The child has fresh injuries that may come from violence.
- The child tells of sexual abuse.
- The child tells of threats, forced marriage or a trip abroad they are afraid of.
- An adult who is to collect the child is intoxicated or threatening.

## Write the report afterwards

A report by phone is always followed by a written report as soon as possible. Write what you saw and heard, when, and what was said on the phone. Mark the report as acute.

## Tell your principal

Tell your principal what has happened. The principal is responsible for your support and for the school being able to look after the child during the day.`,
    },
  },
  {
    slug: "writing-a-clear-report",
    sortOrder: 30,
    legalReferences: [SOL, SOSFS],
    reviewedOn: REVIEWED,
    sv: {
      title: "Så skriver du en tydlig anmälan",
      summary: "Beskriv vad du har sett och hört – inte vad du tror.",
      body: `## Det här ska finnas med

- **Vad du har sett och hört**, så konkret som möjligt: vad hände, var och när.
- **Datum** för det du beskriver. Finns ett mönster över tid, skriv de datum du känner till.
- **Barnets egna ord**, ordagrant och inom citattecken, och i vilket sammanhang barnet sa dem.
- **Vad vårdnadshavarna vet.** Har du berättat om anmälan? Om inte, skriv varför – till exempel att det kan utsätta barnet för fara.
- **Om tolk behövs** för barnet eller vårdnadshavarna, och vilket språk.
- **Andra som är inkopplade**, till exempel BUP, vården eller polisen.
- **Dina kontaktuppgifter**, så att socialtjänsten kan nå dig.

## Det här ska inte finnas med

- Gissningar, diagnoser eller slutsatser om vem som har gjort vad.
- Din egen utredning: du ska inte fråga ut barnet eller samla bevis.
- Uppgifter som du bara har hört av andra utan att säga det. Skriv i så fall vem som berättade.

## Ett exempel

> Måndag 16 november kl. 8.15 hade Alva (7 år) ett blåmärke stort som en tumme på vänster kind. När jag frågade hur det var sa hon: ”Jag får inte berätta, då blir pappa arg.” Hon ville inte gå ut på rasten.

Kort, konkret och med barnets ord – det hjälper socialtjänsten att göra en riktig bedömning och gör att anmälan sällan behöver kompletteras.`,
    },
    en: {
      title: "How to write a clear report",
      summary: "Describe what you have seen and heard – not what you believe.",
      body: `## What to include

- **What you have seen and heard**, as concretely as you can: what happened, where and when.
- **Dates** of what you describe. If there is a pattern over time, give the dates you know.
- **The child's own words**, exactly and in quotation marks, and in what situation the child said them.
- **What the guardians know.** Have you told them about the report? If not, say why – for example that it could put the child in danger.
- **Whether an interpreter is needed** for the child or the guardians, and which language.
- **Others involved**, for example child psychiatry, health care or the police.
- **Your contact details**, so that social services can reach you.

## What not to include

- Guesses, diagnoses or conclusions about who did what.
- Your own investigation: do not question the child or collect evidence.
- Things you only heard from others without saying so. If so, say who told you.

## An example

> Monday 16 November at 8.15 Alva (7) had a bruise the size of a thumb on her left cheek. When I asked how she was, she said: "I'm not allowed to tell, then dad gets angry." She did not want to go out at break.

Short, concrete and with the child's words – that helps social services make a proper assessment, and such a report rarely needs supplementing.`,
    },
  },
  {
    slug: "after-a-report",
    sortOrder: 40,
    legalReferences: [SOL, SOL_FEEDBACK, OSL_26, OSL_12, "Socialtjänstlagen (2025:400), utredningstid fyra månader (tidigare 11 kap. 2 § SoL 2001:453)"],
    reviewedOn: REVIEWED,
    sv: {
      title: "Vad händer efter en anmälan?",
      summary: "Skyddsbedömning, beslut inom 14 dagar, anmälningsmöte och återkoppling.",
      body: `## Samma dag eller dagen efter: skyddsbedömning

När anmälan kommer in gör mottagningen en **skyddsbedömning**: behöver barnet skydd omedelbart? Den görs samma dag eller senast dagen efter.

## Inom 14 dagar: förhandsbedömning

Socialtjänsten beslutar sedan om en **utredning ska inledas**. Beslutet ska fattas inom 14 dagar. Under tiden kan socialtjänsten prata med barnet och vårdnadshavarna.

## Anmälningsmöte

Ofta erbjuds ett **anmälningsmöte** där barnet, vårdnadshavarna och du som har anmält går igenom anmälan tillsammans med socialtjänsten. Mötet erbjuds inte om det kan skada barnet, till exempel när våld eller hedersrelaterat våld i hemmet misstänks, eller när barnet kan behöva skyddas omedelbart.

Har du fått en inbjudan är det viktigt att just du kommer, eftersom det är du som känner barnet och har oron.

## Vilken återkoppling kan du få?

Du som har anmält i tjänsten får veta:

- att anmälan har **tagits emot**, och
- om en utredning **inleds**, **inte inleds** eller **redan pågår**.

Mer än så får socialtjänsten inte berätta utan samtycke. Sekretessen i socialtjänsten är stark: uppgifter om ett barn och en familj lämnas bara ut om det står klart att ingen skada uppstår. Om vårdnadshavarna (och, beroende på ålder och mognad, barnet) **samtycker** kan socialtjänsten berätta mer, till exempel hur skolan kan stötta barnet.

## Om en utredning inleds

En utredning ska vara klar inom fyra månader. Du kan bli kontaktad och ska då lämna de uppgifter som kan ha betydelse (uppgiftsskyldigheten).`,
    },
    en: {
      title: "What happens after a report?",
      summary: "Protection assessment, decision within 14 days, report meeting and feedback.",
      body: `## The same day or the day after: protection assessment

When a report arrives, reception makes a **protection assessment**: does the child need protection at once? It is made the same day or at the latest the day after.

## Within 14 days: pre-assessment

Social services then decide whether to **open an investigation**. The decision is due within 14 days. Meanwhile social services may talk to the child and the guardians.

## Report meeting

Often a **report meeting** is offered, where the child, the guardians and you who reported go through the report with social services. The meeting is not offered if it could harm the child, for example when violence or honour-related violence in the home is suspected, or when the child may need protection at once.

If you are invited, it matters that you come yourself, because you know the child and have the concern.

## What feedback can you get?

As a reporter in your professional role you are told:

- that the report has been **received**, and
- whether an investigation is **opened**, **not opened** or **already ongoing**.

Social services may not tell you more without consent. Secrecy in social services is strong: information about a child and a family is disclosed only when it is clear that no harm follows. If the guardians (and, depending on age and maturity, the child) **consent**, social services can tell you more, for example how the school can support the child.

## If an investigation is opened

An investigation is to be finished within four months. You may be contacted and must then give the information that may matter (the duty to provide information).`,
    },
  },
  {
    slug: "duty-to-provide-information",
    sortOrder: 50,
    legalReferences: ["Socialtjänstlagen (2025:400), uppgiftsskyldighet (tidigare 14 kap. 1 § tredje stycket SoL 2001:453)", OSL_10],
    reviewedOn: REVIEWED,
    sv: {
      title: "Uppgiftsskyldigheten",
      summary: "När socialtjänsten frågar under en utredning ska du svara.",
      body: `## Vad innebär den?

När socialtjänsten utreder ett barns behov av skydd eller stöd är du som arbetar i förskola eller skola skyldig att lämna **alla uppgifter som kan ha betydelse** för utredningen. Det kallas uppgiftsskyldighet och hänger ihop med anmälningsskyldigheten.

## Sekretessen hindrar inte

Uppgiftsskyldigheten går före sekretessen i skolan. Du behöver inte vårdnadshavarnas samtycke för att svara på socialtjänstens frågor.

## Hur går det till?

- Socialtjänsten kontaktar dig eller din rektor, ofta per telefon eller brev.
- Svara sakligt: närvaro, hur barnet fungerar i gruppen, vad du har sett och hört, vilka insatser skolan har gjort.
- Skilj på vad du själv har iakttagit och vad andra har berättat.
- Dokumentera i verksamhetens system att uppgifter har lämnats och vilka.

## Om du är osäker

Prata med din rektor. Rektor ansvarar för att verksamheten har rutiner för att lämna uppgifter och för att du får stöd.`,
    },
    en: {
      title: "The duty to provide information",
      summary: "When social services ask during an investigation, you must answer.",
      body: `## What does it mean?

When social services investigate a child's need of protection or support, you who work in a preschool or school must give **all information that may matter** to the investigation. This is the duty to provide information, and it goes together with the reporting duty.

## Secrecy does not stop you

The duty to provide information overrides the school's secrecy. You do not need the guardians' consent to answer social services' questions.

## How does it work?

- Social services contact you or your principal, often by phone or letter.
- Answer factually: attendance, how the child manages in the group, what you have seen and heard, what support the school has given.
- Keep apart what you observed yourself and what others told you.
- Record in the school's system that information was given, and which.

## If you are unsure

Talk to your principal. The principal is responsible for the school having routines for giving information and for you getting support.`,
    },
  },
  {
    slug: "support-from-your-principal",
    sortOrder: 60,
    legalReferences: [SOL, "Arbetsmiljölagen (1977:1160) 3 kap. 2 §", SKOLLAGEN],
    reviewedOn: REVIEWED,
    sv: {
      title: "Stöd från din rektor",
      summary: "Före, under och efter en anmälan – också när vårdnadshavare hotar.",
      body: `## Före

Du kan alltid prata med din rektor eller elevhälsan när du är orolig för ett barn. Samtalet får inte fördröja anmälan: om oron finns kvar ska du anmäla samma dag.

## Under

- Rektor kan sitta med när du skriver anmälan och skriva under tillsammans med dig.
- Rektor ser till att du får tid att skriva och att någon tar hand om gruppen.
- Anmälan ska ändå bygga på dina iakttagelser. Om rektor skriver i ditt ställe ska det framgå vem som har sett och hört, och varför.

## Efter

- Prata igenom vad som hände. Det är vanligt att känna oro efter en anmälan.
- Rektor planerar hur skolan kan stötta barnet de närmaste dagarna.
- Följ upp återkopplingen från socialtjänsten tillsammans.

## Om vårdnadshavare hotar eller pressar dig

Hot och påtryckningar mot personal ska tas på allvar. Arbetsgivaren ansvarar för din arbetsmiljö.

- Berätta för rektor direkt. Hot kan polisanmälas.
- Rektor kan ta samtal med vårdnadshavarna i stället för dig.
- Socialtjänsten bedömer om ditt namn kan hållas hemligt för familjen, men det går inte att lova i förväg.
- Anmälan ska ändå göras. Att en kollega eller rektor tar över anmälan för att skydda dig gör att den som känner barnet inte får inbjudan och återkoppling – prata hellre om hur du kan få stöd.`,
    },
    en: {
      title: "Support from your principal",
      summary: "Before, during and after a report – also when guardians threaten you.",
      body: `## Before

You can always talk to your principal or the student health team when you are worried about a child. The talk must not delay the report: if the concern remains, report the same day.

## During

- The principal can sit with you while you write the report and sign it with you.
- The principal makes sure you have time to write and that someone looks after your group.
- The report should still rest on your observations. If the principal writes in your place, the report must say who saw and heard it, and why.

## After

- Talk through what happened. It is common to feel uneasy after a report.
- The principal plans how the school supports the child in the days ahead.
- Follow up the feedback from social services together.

## If guardians threaten or pressure you

Threats and pressure against staff must be taken seriously. The employer is responsible for your working environment.

- Tell your principal at once. Threats can be reported to the police.
- The principal can talk to the guardians instead of you.
- Social services decide whether your name can be kept from the family, but it cannot be promised in advance.
- The report must still be made. If a colleague or the principal takes over the report to protect you, the person who knows the child gets no invitation and no feedback – talk instead about how you can be supported.`,
    },
  },
  {
    slug: "signs-of-neglect-in-young-children",
    sortOrder: 70,
    legalReferences: [SOL, BARNKONVENTIONEN],
    reviewedOn: REVIEWED,
    sv: {
      title: "Tecken på försummelse hos små barn",
      summary: "För dig i förskolan: vad du kan lägga märke till, och varför mönstret över tid spelar roll.",
      body: `Små barn kan sällan berätta själva. I förskolan är det därför ofta det du ser över tid som väcker oron.

## Sådant du kan lägga märke till

- **Hygien:** barnet är ofta smutsigt, blöjan har inte bytts på länge, barnet har sår eller utslag som inte behandlas.
- **Mat och sömn:** barnet är ofta mycket hungrigt, tar mat från andra, eller är trött på ett sätt som inte går över.
- **Kläder:** kläderna passar inte vädret eller storleken, dag efter dag.
- **Hämtning och lämning:** barnet hämtas sent eller inte alls, eller av en vuxen som verkar påverkad.
- **Hälsa och utveckling:** barnet går inte på kontroller, får inte vård för sjukdom, eller tappar färdigheter.
- **Lek och beteende:** barnet är mycket passivt eller mycket oroligt, söker kontakt med alla vuxna, eller leker ut våld och sexuella handlingar.

## Mönstret över tid

Ett enstaka tecken betyder sällan något. Skriv ner vad du ser med **datum**, så blir mönstret synligt. Vänta ändå inte med anmälan tills du har ”tillräckligt” – skyldigheten gäller redan vid misstanke.

## Prata med kollegor och rektor

Fråga kollegorna vad de har sett. Det är ändå den som har oron som anmäler. Är du osäker kan du ringa mottagningen för råd utan att säga barnets namn.`,
    },
    en: {
      title: "Signs of neglect in young children",
      summary: "For preschool staff: what you may notice, and why the pattern over time matters.",
      body: `Young children can seldom tell for themselves. In the preschool it is therefore often what you see over time that raises the concern.

## Things you may notice

- **Hygiene:** the child is often dirty, the nappy has not been changed for a long time, the child has sores or rashes that are not treated.
- **Food and sleep:** the child is often very hungry, takes food from others, or is tired in a way that does not pass.
- **Clothes:** the clothes do not fit the weather or the size, day after day.
- **Drop-off and pick-up:** the child is collected late or not at all, or by an adult who seems intoxicated.
- **Health and development:** the child misses check-ups, gets no care when ill, or loses skills.
- **Play and behaviour:** the child is very passive or very anxious, seeks contact with every adult, or plays out violence or sexual acts.

## The pattern over time

One sign on its own seldom means much. Write down what you see with **dates**, and the pattern becomes visible. But do not wait with the report until you have "enough" – the duty applies already at suspicion.

## Talk to colleagues and your principal

Ask your colleagues what they have seen. It is still the person with the concern who reports. If you are unsure, you can phone reception for advice without giving the child's name.`,
    },
  },
  {
    slug: "advice-before-reporting",
    sortOrder: 80,
    legalReferences: [SOL, OSL_26],
    reviewedOn: REVIEWED,
    sv: {
      title: "Ring och fråga om råd",
      summary: "Rådgivning utan barnets namn – och när samtalet blir en anmälan.",
      body: `## Du kan fråga utan att säga vem det gäller

Mottagningen ger råd till dig som är osäker på om du ska anmäla. Ring {{receptionPhone}} ({{receptionHours}}). Beskriv situationen **utan barnets namn eller personnummer**. Mottagningen antecknar samtalet utan uppgifter som kan peka ut barnet.

## Ha det här klart

- Barnets ålder och vilken typ av verksamhet (förskola, skola).
- Vad du har sett och hört, och när.
- Vad du och skolan redan har gjort.

## Efter samtalet

Du får en kort **kod**, till exempel R-7K3Q. Skriv in koden om du sedan anmäler, så kopplas rådet till anmälan. Använder du portalen får du också rådet skriftligt i din inkorg.

## Bra att veta

- Om du säger barnets namn kan samtalet behandlas som en anmälan.
- Ett råd ersätter inte den skriftliga anmälan. Blir rådet att anmäla, gör det samma dag.`,
    },
    en: {
      title: "Phone for advice",
      summary: "Advice without the child's name – and when the call becomes a report.",
      body: `## You can ask without saying who it is about

Reception gives advice to you who are unsure whether to report. Phone {{receptionPhone}} ({{receptionHours}}). Describe the situation **without the child's name or personal identity number**. Reception notes the call without anything that could identify the child.

## Have this ready

- The child's age and the kind of service (preschool, school).
- What you have seen and heard, and when.
- What you and the school have already done.

## After the call

You get a short **code**, for example R-7K3Q. Give the code if you then report, and the advice is linked to the report. If you use the portal, you also get the advice in writing in your inbox.

## Good to know

- If you give the child's name, the call may be treated as a report.
- Advice does not replace the written report. If the advice is to report, do it the same day.`,
    },
  },
  {
    slug: "contact-and-opening-hours",
    sortOrder: 90,
    legalReferences: [],
    reviewedOn: REVIEWED,
    sv: {
      title: "Kontakt och öppettider",
      summary: "Mottagningen, socialjouren och nödnumret.",
      body: `## Mottagningen för barn och unga

- Telefon: **{{receptionPhone}}**
- Öppet: {{receptionHours}}
- E-post (inte för anmälningar med personuppgifter): {{receptionEmail}}

Hit ringer du för råd, och när du behöver prata med socialtjänsten om en anmälan.

## Socialjouren

- Telefon: **{{outOfHoursPhone}}**
- Öppet: {{outOfHoursHours}}

Socialjouren tar emot akuta ärenden när mottagningen är stängd.

## Akut fara

Ring **{{emergencyNumber}}** om ett barn är i omedelbar fara.

## Skriftliga anmälningar

Skriv anmälan i portalen under **Anmälningar**. Skicka inte anmälningar med vanlig e-post.`,
    },
    en: {
      title: "Contact and opening hours",
      summary: "Reception, out-of-hours social services and the emergency number.",
      body: `## Reception for children and young people

- Phone: **{{receptionPhone}}**
- Open: {{receptionHours}}
- E-mail (not for reports with personal data): {{receptionEmail}}

Phone here for advice, and when you need to talk to social services about a report.

## Out-of-hours social services

- Phone: **{{outOfHoursPhone}}**
- Open: {{outOfHoursHours}}

The out-of-hours service takes acute cases when reception is closed.

## Immediate danger

Call **{{emergencyNumber}}** if a child is in immediate danger.

## Written reports

Write the report in the portal under **Reports**. Do not send reports by ordinary e-mail.`,
    },
  },
];

const agreementReferences = [SOL, SOL_FEEDBACK, SKOLLAGEN, OSL_26, BARNKONVENTIONEN];

export const seedAgreementVersions: SeedAgreementVersion[] = [
  {
    reviewedOn: "2019-06-01",
    nextReviewOn: "2021-06-01",
    legalReferences: agreementReferences,
    changeSummary: { sv: "Första versionen.", en: "First version." },
    sv: {
      title: "Samverkansöverenskommelse: Vi gör det tillsammans",
      summary: "Överenskommelse mellan skolförvaltningen och socialförvaltningen i Exempelstad om barn som far illa.",
      body: `## Syfte

Barn som far illa ska upptäckas tidigt och få rätt stöd. Skolförvaltningen och socialförvaltningen kommer överens om hur vi samarbetar kring anmälningar om oro för barn.

## Skolförvaltningen åtar sig att

- alla medarbetare känner till anmälningsskyldigheten,
- anmälningar görs skriftligt och utan dröjsmål,
- rektor stöttar personalen vid anmälan.

## Socialförvaltningen åtar sig att

- ge råd per telefon till skolans personal,
- ta emot och bedöma anmälningar enligt lagen,
- lämna återkoppling till anmälaren per brev.

## Gemensamma rutiner

- Rådgivning per telefon vardagar.
- Utbildning om anmälningsskyldigheten en gång per år.

## Samordning

Varje förvaltning utser en kontaktperson. Förvaltningscheferna följer upp överenskommelsen en gång per år.

## Giltighet

Överenskommelsen gäller från 1 juni 2019 och ses över senast 1 juni 2021.`,
    },
    en: {
      title: "Collaboration agreement: We do it together",
      summary: "Agreement between the education administration and the social administration of Exempelstad about children at risk.",
      body: `## Purpose

Children at risk are to be noticed early and get the right support. The education administration and the social administration agree on how we work together on reports of concern about children.

## The education administration undertakes that

- all staff know the reporting duty,
- reports are made in writing and without delay,
- the principal supports staff when they report.

## The social administration undertakes to

- give advice by phone to school staff,
- receive and assess reports as the law requires,
- give feedback to the reporter by letter.

## Joint routines

- Phone advice on weekdays.
- Training on the reporting duty once a year.

## Coordination

Each administration appoints a contact person. The directors follow up the agreement once a year.

## Validity

The agreement applies from 1 June 2019 and is reviewed by 1 June 2021 at the latest.`,
    },
  },
  {
    reviewedOn: "2026-08-15",
    nextReviewOn: "2028-08-15",
    legalReferences: agreementReferences,
    changeSummary: {
      sv: "Överenskommelsen bygger nu på portalen Tillsammans: anmälan, rådgivning, anmälningsmöten och återkoppling går genom portalen. Återkoppling ska ges inom tre dagar från beslut, samtycken förs i ett register, utbildningarna har en gemensam kalender och avstämningar med enheter utgår från statistiken.",
      en: "The agreement now rests on the Tillsammans portal: reports, advice, report meetings and feedback go through it. Feedback is due within three days of a decision, consents are kept in a register, trainings have a shared calendar, and check-ins with units are based on the statistics.",
    },
    sv: {
      title: "Samverkansöverenskommelse: Vi gör det tillsammans",
      summary: "Överenskommelse mellan skolförvaltningen och socialförvaltningen i Exempelstad om barn som far illa.",
      body: `## Syfte

Barn som far illa ska upptäckas tidigt och få rätt stöd. Skolförvaltningen och socialförvaltningen kommer överens om hur vi samarbetar kring anmälningar om oro för barn – så att den som har oron vet vad hen ska göra, och får veta vad som händer.

## Skolförvaltningen åtar sig att

- alla medarbetare i förskola och skola känner till anmälningsskyldigheten och har gått utbildning inom sitt första halvår,
- den som har oron anmäler skriftligt, genast, i portalen Tillsammans,
- rektor stöttar personalen före, under och efter en anmälan – också när vårdnadshavare hotar,
- den som har anmält deltar i anmälningsmötet när hen blir inbjuden.

## Socialförvaltningen åtar sig att

- ge råd per telefon och anteckna rådet avidentifierat, med en kod som anmälaren kan hänvisa till,
- göra skyddsbedömning samma dag eller senast dagen efter och besluta om utredning inom 14 dagar,
- erbjuda anmälningsmöte när det är till barnets bästa, och dokumentera skälet när det inte erbjuds,
- ge grundläggande återkoppling i portalen inom tre dagar från beslut,
- ge utökad återkoppling endast med vårdnadshavarnas samtycke, som förs i ett register.

## Gemensamma rutiner

- **Rådgivning** vardagar, med skriftligt svar i portalen.
- **Anmälan** alltid skriftligt i portalen; akut: ring först.
- **Anmälningsmöten** med inbjudan, svar och kalenderfil i portalen.
- **Återkoppling** enligt lagen och samtycket.
- **Utbildningar** i en gemensam kalender som samordnarna planerar.
- **Avstämningar** varje termin med enheter som anmäler mycket, sällan eller där anmälningar ofta behöver kompletteras.

## Samordnare och kontaktpersoner

- Samordnare skolförvaltningen: Anna Lind, samordnare.skola@exempelstad.example
- Samordnare socialförvaltningen: Jonas Ek, samordnare.social@exempelstad.example
- Varje skola och förskola utser en kontaktperson i elevhälsan.

## Styrgrupp

Förvaltningscheferna för båda förvaltningarna bildar styrgrupp och träffas två gånger per termin. Styrgruppen följer statistiken utan personuppgifter och beslutar om åtgärder.

## Uppföljning och giltighet

Överenskommelsen gäller från 15 augusti 2026 och ses över senast 15 augusti 2028.`,
    },
    en: {
      title: "Collaboration agreement: We do it together",
      summary: "Agreement between the education administration and the social administration of Exempelstad about children at risk.",
      body: `## Purpose

Children at risk are to be noticed early and get the right support. The education administration and the social administration agree on how we work together on reports of concern about children – so that the person with the concern knows what to do, and learns what happens.

## The education administration undertakes that

- all preschool and school staff know the reporting duty and have been trained within their first six months,
- the person with the concern reports in writing, at once, in the Tillsammans portal,
- the principal supports staff before, during and after a report – also when guardians threaten them,
- the person who reported attends the report meeting when invited.

## The social administration undertakes to

- give advice by phone and note it de-identified, with a code the reporter can refer to,
- make the protection assessment the same day or at the latest the day after, and decide on an investigation within 14 days,
- offer a report meeting when it is in the child's best interest, and record the reason when it is not offered,
- give basic feedback in the portal within three days of the decision,
- give extended feedback only with the guardians' consent, kept in a register.

## Joint routines

- **Advice** on weekdays, with a written answer in the portal.
- **Reports** always in writing in the portal; acute: phone first.
- **Report meetings** with invitation, answer and calendar file in the portal.
- **Feedback** as the law and the consent allow.
- **Trainings** in a shared calendar planned by the coordinators.
- **Check-ins** every term with units that report a lot, seldom, or whose reports often need supplementing.

## Coordinators and contact persons

- Coordinator, education administration: Anna Lind, samordnare.skola@exempelstad.example
- Coordinator, social administration: Jonas Ek, samordnare.social@exempelstad.example
- Every school and preschool appoints a contact person in the student health team.

## Steering group

The directors of both administrations form the steering group and meet twice a term. The steering group follows the statistics without personal data and decides on measures.

## Follow-up and validity

The agreement applies from 15 August 2026 and is reviewed by 15 August 2028 at the latest.`,
    },
  },
];
