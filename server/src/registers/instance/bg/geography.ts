/**
 * Bulgarian regions (области, ISO 3166-2:BG), a selection of their municipalities, and the municipal
 * centres with their EKATTE codes and main postcodes. Only municipal-centre towns are listed: their EKATTE
 * codes were checked against the NSI municipality list (centre settlement per municipality); villages are left
 * out rather than risk wrong codes. Population weights are the 2021 census in thousands, rounded.
 */
export interface Settlement {
  readonly ekatte: string;
  readonly name: string;
  /** Real postcodes of the settlement; the first is the main one. */
  readonly postcodes: readonly string[];
}

export interface Municipality {
  readonly name: string;
  /** Relative population weight within the region. */
  readonly weight: number;
  readonly settlements: readonly Settlement[];
}

export interface Region {
  /** ISO 3166-2:BG code, e.g. `BG-22`. */
  readonly code: string;
  readonly name: string;
  /** Registration plate prefixes issued in the region (Cyrillic). */
  readonly platePrefixes: readonly string[];
  /** Population in thousands (2021 census, rounded), used as a weight. */
  readonly population: number;
  /**
   * Range of EGN digits 7–9 traditionally assigned to births registered in the region; generators use it so
   * the number looks like one issued there.
   */
  readonly egnDigits: readonly [number, number];
  readonly municipalities: readonly Municipality[];
}

function town(name: string, ekatte: string, postcode: string, weight: number): Municipality {
  return { name, weight, settlements: [{ ekatte, name, postcodes: [postcode] }] };
}

const SOFIA_POSTCODES = [
  '1000',
  '1113',
  '1124',
  '1142',
  '1164',
  '1303',
  '1309',
  '1324',
  '1330',
  '1404',
  '1407',
  '1421',
  '1505',
  '1510',
  '1574',
  '1612',
  '1618',
  '1680',
  '1700',
  '1712',
  '1750',
  '1784',
];

export const REGIONS: readonly Region[] = [
  {
    code: 'BG-01',
    name: 'Благоевград',
    platePrefixes: ['Е'],
    population: 302,
    egnDigits: [0, 43],
    municipalities: [
      town('Благоевград', '04279', '2700', 70),
      town('Петрич', '56126', '2850', 47),
      town('Сандански', '65334', '2800', 35),
      town('Гоце Делчев', '17395', '2900', 28),
      town('Разлог', '61813', '2760', 19),
      town('Банско', '02676', '2770', 12),
    ],
  },
  {
    code: 'BG-02',
    name: 'Бургас',
    platePrefixes: ['А'],
    population: 391,
    egnDigits: [44, 93],
    municipalities: [
      town('Бургас', '07079', '8000', 200),
      town('Несебър', '51500', '8230', 28),
      town('Поморие', '57491', '8200', 26),
      town('Айтос', '00151', '8500', 26),
      town('Карнобат', '36525', '8400', 24),
      town('Созопол', '67800', '8130', 15),
    ],
  },
  {
    code: 'BG-03',
    name: 'Варна',
    platePrefixes: ['В'],
    population: 470,
    egnDigits: [94, 139],
    municipalities: [
      town('Варна', '10135', '9000', 340),
      town('Провадия', '58503', '9200', 21),
      town('Аксаково', '00182', '9154', 21),
      town('Белослав', '03719', '9178', 10),
      town('Девня', '20482', '9160', 8),
    ],
  },
  {
    code: 'BG-04',
    name: 'Велико Търново',
    platePrefixes: ['ВТ'],
    population: 233,
    egnDigits: [140, 169],
    municipalities: [
      town('Велико Търново', '10447', '5000', 80),
      town('Горна Оряховица', '16359', '5100', 41),
      town('Свищов', '65766', '5250', 34),
      town('Павликени', '55052', '5200', 20),
      town('Лясковец', '44793', '5140', 12),
      town('Елена', '27190', '5070', 8),
    ],
  },
  {
    code: 'BG-05',
    name: 'Видин',
    platePrefixes: ['ВН'],
    population: 77,
    egnDigits: [170, 183],
    municipalities: [
      town('Видин', '10971', '3700', 52),
      town('Белоградчик', '03616', '3900', 5),
      town('Брегово', '06224', '3790', 4),
      town('Кула', '40525', '3800', 3),
    ],
  },
  {
    code: 'BG-06',
    name: 'Враца',
    platePrefixes: ['ВР'],
    population: 156,
    egnDigits: [184, 217],
    municipalities: [
      town('Враца', '12259', '3000', 58),
      town('Бяла Слатина', '07702', '3200', 20),
      town('Козлодуй', '37798', '3320', 18),
      town('Мездра', '47714', '3100', 18),
      town('Оряхово', '54020', '3300', 9),
    ],
  },
  {
    code: 'BG-07',
    name: 'Габрово',
    platePrefixes: ['ЕВ'],
    population: 106,
    egnDigits: [218, 233],
    municipalities: [
      town('Габрово', '14218', '5300', 53),
      town('Севлиево', '65927', '5400', 31),
      town('Трявна', '73403', '5350', 11),
      town('Дряново', '23947', '5370', 8),
    ],
  },
  {
    code: 'BG-08',
    name: 'Добрич',
    platePrefixes: ['ТХ'],
    population: 171,
    egnDigits: [790, 821],
    municipalities: [
      town('Добрич', '72624', '9300', 80),
      town('Балчик', '02508', '9600', 18),
      town('Каварна', '35064', '9650', 13),
      town('Генерал Тошево', '14711', '9500', 12),
      town('Шабла', '83017', '9680', 4),
    ],
  },
  {
    code: 'BG-09',
    name: 'Кърджали',
    platePrefixes: ['К'],
    population: 159,
    egnDigits: [234, 281],
    municipalities: [
      town('Кърджали', '40909', '6600', 55),
      town('Крумовград', '39970', '6900', 15),
      town('Момчилград', '48996', '6800', 14),
      town('Ардино', '00607', '6750', 9),
    ],
  },
  {
    code: 'BG-10',
    name: 'Кюстендил',
    platePrefixes: ['КН'],
    population: 117,
    egnDigits: [282, 301],
    municipalities: [
      town('Кюстендил', '41112', '2500', 50),
      town('Дупница', '68789', '2600', 35),
      town('Бобов дол', '04501', '2670', 7),
      town('Сапарева баня', '65365', '2650', 7),
      town('Рила', '62671', '2630', 3),
    ],
  },
  {
    code: 'BG-11',
    name: 'Ловеч',
    platePrefixes: ['ОВ'],
    population: 123,
    egnDigits: [302, 319],
    municipalities: [
      town('Ловеч', '43952', '5500', 45),
      town('Троян', '73198', '5600', 28),
      town('Тетевен', '72343', '5700', 18),
      town('Луковит', '44327', '5770', 15),
    ],
  },
  {
    code: 'BG-12',
    name: 'Монтана',
    platePrefixes: ['М'],
    population: 124,
    egnDigits: [320, 341],
    municipalities: [
      town('Монтана', '48489', '3400', 47),
      town('Лом', '44238', '3600', 20),
      town('Берковица', '03928', '3500', 15),
      town('Вършец', '12961', '3540', 6),
      town('Чипровци', '81390', '3460', 3),
    ],
  },
  {
    code: 'BG-13',
    name: 'Пазарджик',
    platePrefixes: ['РА'],
    population: 229,
    egnDigits: [342, 377],
    municipalities: [
      town('Пазарджик', '55155', '4400', 100),
      town('Велинград', '10450', '4600', 35),
      town('Септември', '66264', '4490', 23),
      town('Панагюрище', '55302', '4500', 21),
      town('Пещера', '56277', '4550', 16),
    ],
  },
  {
    code: 'BG-14',
    name: 'Перник',
    platePrefixes: ['РК'],
    population: 118,
    egnDigits: [378, 395],
    municipalities: [
      town('Перник', '55871', '2300', 73),
      town('Радомир', '61577', '2400', 17),
      town('Брезник', '06286', '2360', 6),
      town('Трън', '73273', '2460', 2),
    ],
  },
  {
    code: 'BG-15',
    name: 'Плевен',
    platePrefixes: ['ЕН'],
    population: 236,
    egnDigits: [396, 435],
    municipalities: [
      town('Плевен', '56722', '5800', 110),
      town('Червен бряг', '80501', '5980', 22),
      town('Левски', '43236', '5900', 20),
      town('Кнежа', '37376', '5835', 12),
      town('Белене', '03366', '5930', 8),
    ],
  },
  {
    code: 'BG-16',
    name: 'Пловдив',
    platePrefixes: ['РВ'],
    population: 634,
    egnDigits: [436, 501],
    municipalities: [
      town('Пловдив', '56784', '4000', 340),
      town('Асеновград', '00702', '4230', 60),
      town('Карлово', '36498', '4300', 46),
      town('Раковски', '62075', '4150', 25),
      town('Стамболийски', '51980', '4210', 18),
      town('Хисаря', '77270', '4180', 11),
    ],
  },
  {
    code: 'BG-17',
    name: 'Разград',
    platePrefixes: ['РР'],
    population: 110,
    egnDigits: [502, 527],
    municipalities: [
      town('Разград', '61710', '7200', 46),
      town('Исперих', '32874', '7400', 19),
      town('Кубрат', '40422', '7300', 15),
      town('Завет', '30065', '7330', 9),
    ],
  },
  {
    code: 'BG-18',
    name: 'Русе',
    platePrefixes: ['Р'],
    population: 215,
    egnDigits: [528, 555],
    municipalities: [
      town('Русе', '63427', '7000', 140),
      town('Бяла', '07603', '7100', 11),
      town('Ветово', '10803', '7080', 11),
      town('Две могили', '20184', '7150', 8),
    ],
  },
  {
    code: 'BG-19',
    name: 'Силистра',
    platePrefixes: ['СС'],
    population: 108,
    egnDigits: [556, 575],
    municipalities: [
      town('Силистра', '66425', '7500', 45),
      town('Дулово', '24030', '7650', 25),
      town('Тутракан', '73496', '7600', 13),
      town('Главиница', '15031', '7630', 9),
    ],
  },
  {
    code: 'BG-20',
    name: 'Сливен',
    platePrefixes: ['СН'],
    population: 183,
    egnDigits: [576, 601],
    municipalities: [
      town('Сливен', '67338', '8800', 115),
      town('Нова Загора', '51809', '8900', 32),
      town('Котел', '39030', '8970', 18),
      town('Твърдица', '72165', '8890', 12),
    ],
  },
  {
    code: 'BG-21',
    name: 'Смолян',
    platePrefixes: ['СМ'],
    population: 101,
    egnDigits: [602, 623],
    municipalities: [
      town('Смолян', '67653', '4700', 36),
      town('Златоград', '31111', '4980', 11),
      town('Девин', '20465', '4800', 11),
      town('Мадан', '46045', '4900', 10),
      town('Чепеларе', '80371', '4850', 7),
    ],
  },
  {
    code: 'BG-22',
    name: 'София (столица)',
    platePrefixes: ['С', 'СА', 'СВ'],
    population: 1275,
    egnDigits: [624, 721],
    municipalities: [
      {
        name: 'Столична',
        weight: 1,
        settlements: [{ ekatte: '68134', name: 'София', postcodes: SOFIA_POSTCODES }],
      },
    ],
  },
  {
    code: 'BG-23',
    name: 'Софийска област',
    platePrefixes: ['СО'],
    population: 237,
    egnDigits: [722, 751],
    municipalities: [
      town('Самоков', '65231', '2000', 34),
      town('Ботевград', '05815', '2140', 30),
      town('Елин Пелин', '27303', '2100', 23),
      town('Своге', '65869', '2260', 18),
      town('Ихтиман', '32901', '2050', 17),
      town('Костинброд', '38978', '2230', 17),
      town('Етрополе', '27632', '2180', 11),
    ],
  },
  {
    code: 'BG-24',
    name: 'Стара Загора',
    platePrefixes: ['СТ'],
    population: 306,
    egnDigits: [752, 789],
    municipalities: [
      town('Стара Загора', '68850', '6000', 150),
      town('Казанлък', '35167', '6100', 65),
      town('Раднево', '61460', '6260', 18),
      town('Чирпан', '81414', '6200', 15),
      town('Гълъбово', '18280', '6280', 11),
    ],
  },
  {
    code: 'BG-25',
    name: 'Търговище',
    platePrefixes: ['Т'],
    population: 110,
    egnDigits: [822, 843],
    municipalities: [
      town('Търговище', '73626', '7700', 53),
      town('Попово', '57649', '7800', 25),
      town('Омуртаг', '53535', '7900', 19),
      town('Опака', '53552', '7840', 6),
      town('Антоново', '00518', '7970', 5),
    ],
  },
  {
    code: 'BG-26',
    name: 'Хасково',
    platePrefixes: ['Х'],
    population: 225,
    egnDigits: [844, 871],
    municipalities: [
      town('Хасково', '77195', '6300', 85),
      town('Димитровград', '21052', '6400', 48),
      town('Харманли', '77181', '6450', 21),
      town('Свиленград', '65677', '6500', 20),
      town('Любимец', '44570', '6550', 8),
    ],
  },
  {
    code: 'BG-27',
    name: 'Шумен',
    platePrefixes: ['Н'],
    population: 172,
    egnDigits: [872, 903],
    municipalities: [
      town('Шумен', '83510', '9700', 85),
      town('Нови пазар', '52009', '9900', 15),
      town('Велики Преслав', '58222', '9850', 12),
      town('Каспичан', '36587', '9930', 6),
    ],
  },
  {
    code: 'BG-28',
    name: 'Ямбол',
    platePrefixes: ['У'],
    population: 118,
    egnDigits: [904, 925],
    municipalities: [
      town('Ямбол', '87374', '8600', 65),
      town('Елхово', '27382', '8700', 13),
      town('Стралджа', '69660', '8680', 10),
      town('Болярово', '05284', '8720', 3),
    ],
  },
];

export function regionByCode(code: string): Region {
  const region = REGIONS.find((candidate) => candidate.code === code);
  if (!region) throw new RangeError(`unknown region ${code}`);
  return region;
}

/** Street names common across Bulgarian towns, with their ул./бул. prefix. */
export const STREETS: readonly string[] = [
  'ул. „Граф Игнатиев“',
  'ул. „Г. С. Раковски“',
  'бул. „България“',
  'бул. „Васил Левски“',
  'ул. „Христо Ботев“',
  'ул. „Иван Вазов“',
  'бул. „Цар Освободител“',
  'ул. „Шипка“',
  'ул. „Оборище“',
  'ул. „Алеко Константинов“',
  'ул. „Патриарх Евтимий“',
  'ул. „Стефан Караджа“',
  'ул. „Хаджи Димитър“',
  'ул. „Любен Каравелов“',
  'ул. „Кирил и Методий“',
  'ул. „Отец Паисий“',
  'ул. „Цар Самуил“',
  'ул. „Княз Борис I“',
  'ул. „Независимост“',
  'ул. „Съединение“',
  'ул. „Възраждане“',
  'ул. „Славянска“',
  'ул. „Дунав“',
  'ул. „Марица“',
  'ул. „Пейо Яворов“',
  'ул. „Неофит Рилски“',
  'ул. „Гео Милев“',
  'бул. „Александър Стамболийски“',
  'ул. „Васил Априлов“',
  'ул. „Христо Смирненски“',
  'ул. „Ивайло“',
  'ул. „Трайко Китанчев“',
  'ул. „Панайот Волов“',
  'ул. „Бачо Киро“',
  'ул. „Св. Климент Охридски“',
];

/** Streets and boulevards of Sofia only, mixed in for addresses in the capital. */
export const SOFIA_STREETS: readonly string[] = [
  'бул. „Витоша“',
  'бул. „Черни връх“',
  'бул. „Джеймс Баучер“',
  'бул. „Тодор Александров“',
  'бул. „Константин Величков“',
  'бул. „Ситняково“',
  'бул. „Драган Цанков“',
  'бул. „Никола Вапцаров“',
  'ул. „Пиротска“',
  'ул. „Солунска“',
  'ул. „Шишман“',
  'бул. „Христо Ботев“',
  'ж.к. „Младост 1“',
  'ж.к. „Люлин 5“',
  'ж.к. „Надежда 2“',
  'ж.к. „Дружба 2“',
  'ж.к. „Красно село“',
];
