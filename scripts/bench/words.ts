/** Invented names and stock phrases for the benchmark data. No real person or child is named. */

export const firstNames = [
  "Anna", "Maria", "Karin", "Sara", "Emma", "Elin", "Johanna", "Linda", "Sofia", "Malin",
  "Lena", "Hanna", "Ida", "Amira", "Fatima", "Leila", "Nour", "Agnes", "Maja", "Ebba",
  "Erik", "Lars", "Anders", "Johan", "Per", "Karl", "Mikael", "Peter", "Fredrik", "Daniel",
  "Magnus", "Jonas", "Ali", "Omar", "Hassan", "Ahmed", "Oskar", "Viktor", "Emil", "Lukas",
];

export const lastNames = [
  "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson",
  "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Lindberg", "Lindqvist", "Lindgren", "Berg", "Axelsson",
  "Bergström", "Lundberg", "Lundgren", "Jakobsson", "Mattsson", "Holm", "Sandberg", "Forsberg", "Sjöberg", "Wallin",
  "Engström", "Danielsson", "Håkansson", "Hassan", "Mohammed", "Ali", "Nowak", "Kovač", "Yilmaz", "Ibrahim",
];

export const childFirstNames = [
  "Alva", "Elsa", "Alice", "Maja", "Vera", "Ella", "Wilma", "Saga", "Olivia", "Astrid",
  "Noah", "Hugo", "William", "Liam", "Lucas", "Oliver", "Elias", "Adam", "Leo", "Ludvig",
  "Yusuf", "Mohammed", "Zainab", "Mariam", "Aya", "Sami", "Milan", "Nikola", "Iman", "Amir",
];

/** Fictional municipality names: a prefix and a suffix, 50 combinations. */
export const townPrefixes = ["Norr", "Söder", "Öster", "Väster", "Sjö", "Berg", "Ek", "Lind", "Å", "Ny"];
export const townSuffixes = ["köping", "stad", "hamn", "vik", "by"];

export const preschoolNames = [
  "Blåklockan", "Vitsippan", "Tussilagon", "Humlan", "Myran", "Nyckelpigan", "Ugglan", "Räven", "Igelkotten", "Grodan",
  "Snäckan", "Tallen", "Björken", "Eken", "Linden", "Lönnen", "Rönnen", "Äppelgården", "Kastanjen", "Måsen",
  "Svalan", "Trasten", "Ängen", "Skogsgläntan", "Bäcken", "Stjärnan", "Solstrålen", "Regnbågen", "Fyren", "Vågen",
  "Sjöstjärnan", "Hasseln", "Kotten", "Mossen", "Lingonet", "Blåbäret", "Smultronet", "Hjortronet", "Vindrosen", "Månen",
  "Kompassen", "Ankaret", "Fjärilen", "Bikupan", "Pilen", "Almen", "Asken", "Granen", "Enen", "Hägget",
  "Syrenen", "Vallmon", "Prästkragen", "Klövern", "Gullvivan", "Kaprifolen", "Tranan", "Sparven", "Hackspetten", "Göken",
];

export const schoolNames = [
  "Ängsskolan", "Bergaskolan", "Dalskolan", "Ekeboskolan", "Fältskolan", "Gläntanskolan", "Hagaskolan", "Holmskolan", "Kvarnskolan", "Lundaskolan",
  "Mölleskolan", "Parkskolan", "Råskolan", "Sjöboskolan", "Slottsskolan", "Strandskolan", "Torsskolan", "Ulvsskolan", "Vikenskolan", "Åsenskolan",
  "Älvskolan", "Backaskolan", "Björkaskolan", "Ljungskolan", "Mosseskolan", "Furuskolan", "Hedskolan", "Lindskolan", "Rosenskolan", "Kyrkskolan",
  "Tallbackaskolan", "Ekdalsskolan", "Högalidsskolan", "Kulladalsskolan", "Västergårdsskolan", "Österskolan", "Söderskolan", "Centralskolan", "Skogsskolan", "Bäckaskolan",
  "Fredriksdalsskolan", "Ringstorpsskolan", "Drottninghögsskolan", "Dalhemsskolan", "Elinebergsskolan", "Gustavslundsskolan", "Husensjöskolan", "Påarpsskolan",
];

export const investigationNames = ["Utredningsenheten barn och unga", "Utredningsenheten ungdom", "Utredningsenheten familj", "Utredningsenheten barn 0–12"];
export const coordinationNames = ["Samverkansenheten", "Samverkan skola–socialtjänst", "Barnrättsenheten"];
export const administrationNames = [
  "Förvaltningsstöd och ledning", "Socialförvaltningens ledning", "Skolförvaltningens ledning", "Förskoleförvaltningens ledning",
  "Kvalitet och uppföljning", "Administrativa enheten", "Systemförvaltning",
];
export const receptionNames = ["Mottagningen för barn och unga", "Mottagningen, jour"];

export const observations = [
  "Barnet har kommit till verksamheten utan frukost och utan ytterkläder flera dagar i rad och somnar under dagen.",
  "Barnet hade blåmärken på överarmen och drog sig undan när en vuxen frågade hur det hade gått till.",
  "Barnet berättade att det är bråk hemma på nätterna och att hen är rädd för att gå hem.",
  "Barnet hämtas ofta sent av en vuxen som verkar påverkad. Personalen har sett detta vid flera tillfällen.",
  "Barnet har hög frånvaro sedan flera månader och vårdnadshavarna svarar inte på kontakt från skolan.",
  "Barnet har berättat om en äldre kompis som ger hen pengar för att bära paket. Hen verkar orolig.",
  "Barnet säger att hen inte får träffa sina kompisar efter skolan och att hen ska gifta sig i sommar.",
  "Barnet har skadat sig själv och visat såren för en kamrat. Barnet vill inte att föräldrarna får veta.",
  "Barnet har kraftigt viktnedgång och berättar att det sällan finns mat hemma.",
  "Barnet har vid upprepade tillfällen kommit till skolan med lukt av alkohol och varit frånvarande i tanken.",
  "Barnet berättar att mamma blir slagen av sin nya sambo och att barnet brukar gömma sig i garderoben.",
  "Barnet har ett sexualiserat beteende som personalen inte känner igen för åldern och har ritat oroande bilder.",
];

export const childWords = [
  "Det finns ingen mat hemma.",
  "Jag får inte säga något.",
  "Pappa blir så arg.",
  "Jag vill inte gå hem i dag.",
  "Mamma sover hela tiden.",
  "Det är hemligt.",
];

export const interpreterLanguages = ["arabiska", "somaliska", "dari", "tigrinja", "polska", "bosniska", "ukrainska", "persiska"];

export const adviceSummaries = [
  "Lärare har sett blåmärken på en elev vid två tillfällen. Eleven säger att hen inte får berätta.",
  "Ett barn hämtas ofta sent och verkar trött. Personalen vill veta vad de ska titta efter.",
  "En elev har hög frånvaro och vårdnadshavarna svarar inte. Skolan undrar om det räcker för en anmälan.",
  "En elev har berättat om bråk hemma. Mentorn undrar hur hen ska prata med eleven vidare.",
  "Förskolan har sett att ett barn har tappat i vikt. Personalen vill veta om de ska prata med föräldrarna först.",
  "En elev har skadat sig själv. Kuratorn vill diskutera om vårdnadshavarna ska informeras före anmälan.",
  "En elev säger att hen ska resa bort i sommar och inte komma tillbaka. Skolan är orolig för tvångsäktenskap.",
  "Rektor undrar om en tidigare anmälan om samma barn räcker eller om en ny anmälan behövs.",
  "Personal har känt lukt av alkohol hos en vårdnadshavare vid hämtning. Frågan är hur allvarligt det är.",
  "En elev har ett utåtagerande beteende som ökat. Skolan undrar om det är ett skäl för anmälan.",
];

export const adviceNotes = [
  "Hänvisad till elevhälsan för fortsatt stöd.",
  "Skolan fortsätter att dokumentera och hör av sig igen.",
  "Hänvisad till familjecentralen.",
  "Inget som tyder på att barnet far illa just nu.",
];

export const followUps = [
  "Läraren skriver anmälan i dag och pratar med rektor.",
  "Personalen för anteckningar med datum i två veckor och ringer igen.",
  "Rektor tar kontakt med vårdnadshavarna.",
  "Kuratorn stämmer av med elevhälsoteamet.",
  "",
];

export const meetingPlaces = ["Mottagningen, Stadshuset plan 3", "Videolänk skickas i kallelsen", "Mottagningen ringer upp"];

export const supplementQuestions = [
  "Vilka dagar har ni sett att barnet saknar ytterkläder?",
  "Har barnet själv berättat något mer sedan anmälan?",
  "Vet ni om vårdnadshavarna har fått veta att ni anmäler?",
  "Kan ni beskriva skadorna mer noggrant: var på kroppen och hur stora?",
];

export const trainingTitles: Record<string, string> = {
  reporting_duty: "Anmälningsplikten – grundutbildning",
  information_duty: "Uppgiftsskyldigheten – vad får och ska jag berätta?",
  social_services_process: "Vad händer efter en anmälan?",
  school_law_for_social_workers: "Skollagen för socialsekreterare",
  report_e_service: "Att anmäla i Tillsammans",
  network_meeting: "Nätverksträff: skola och socialtjänst",
  other: "Barnkonventionen i vardagen",
};

export const swedishMonths = [
  "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december",
];
