/**
 * Reference data for synthetic vehicles: makes sold in Bulgaria with their real world manufacturer
 * identifiers (WMI), models with the model years they were built, typical technical ranges, colours (as
 * codes, see `codes.ts`), MTPL insurers licensed in Bulgaria and inspection station naming.
 */

import type { BodyType, Colour, Fuel, VehicleCategory } from '@civitas/contracts/registers/vehicles.ts';
import type { WeightedPairs } from '../../kernel/index.ts';

export type { VehicleCategory } from '@civitas/contracts/registers/vehicles.ts';

type Range = readonly [number, number];

export interface ModelSpec {
  readonly name: string;
  /** First and last model year produced (the last is 2026 for models still built). */
  readonly years: Range;
  readonly category: VehicleCategory;
  readonly bodies: readonly BodyType[];
  readonly fuels: WeightedPairs<Fuel>;
  /** Engine displacement range in cm³ for combustion engines (electric cars have 0). */
  readonly engineCc: Range;
  readonly powerKw: Range;
  readonly massKg: Range;
  /** Relative share within the make. */
  readonly weight: number;
  /** WMI when the model is built elsewhere than the make's default plant. */
  readonly wmi?: string;
}

export interface MakeSpec {
  readonly make: string;
  readonly wmi: string;
  /** Relative share of the Bulgarian fleet. */
  readonly weight: number;
  readonly models: readonly ModelSpec[];
}

const PETROL_DIESEL: WeightedPairs<Fuel> = [
  ['diesel', 50],
  ['petrol', 35],
  ['lpg', 13],
  ['hybrid', 2],
];
const MOSTLY_DIESEL: WeightedPairs<Fuel> = [
  ['diesel', 85],
  ['petrol', 15],
];
const SMALL_CAR: WeightedPairs<Fuel> = [
  ['petrol', 55],
  ['lpg', 20],
  ['diesel', 22],
  ['cng', 3],
];
const HYBRID_FRIENDLY: WeightedPairs<Fuel> = [
  ['petrol', 45],
  ['hybrid', 35],
  ['diesel', 15],
  ['lpg', 5],
];
const ELECTRIC: WeightedPairs<Fuel> = [['electric', 1]];
const PETROL: WeightedPairs<Fuel> = [['petrol', 1]];

const HATCH: readonly BodyType[] = ['hatchback'];
const HATCH_WAGON: readonly BodyType[] = ['hatchback', 'estate'];
const SEDAN_WAGON: readonly BodyType[] = ['saloon', 'estate'];
const SUV: readonly BodyType[] = ['suv'];
const VAN: readonly BodyType[] = ['van'];
const MPV: readonly BodyType[] = ['mpv'];
const MOTORCYCLE: readonly BodyType[] = ['motorcycle'];

function car(
  name: string,
  years: Range,
  bodies: readonly BodyType[],
  fuels: WeightedPairs<Fuel>,
  engineCc: Range,
  powerKw: Range,
  massKg: Range,
  weight: number,
  extra: { category?: VehicleCategory; wmi?: string } = {},
): ModelSpec {
  return {
    name,
    years,
    bodies,
    fuels,
    engineCc,
    powerKw,
    massKg,
    weight,
    category: extra.category ?? 'M1',
    ...(extra.wmi ? { wmi: extra.wmi } : {}),
  };
}

export const MAKES: readonly MakeSpec[] = [
  {
    make: 'Volkswagen',
    wmi: 'WVW',
    weight: 14,
    models: [
      car('Golf', [1997, 2026], HATCH_WAGON, PETROL_DIESEL, [1390, 1968], [55, 110], [1150, 1400], 10),
      car('Passat', [1996, 2026], SEDAN_WAGON, MOSTLY_DIESEL, [1598, 1968], [77, 140], [1350, 1600], 8),
      car('Polo', [1994, 2026], HATCH, SMALL_CAR, [999, 1598], [44, 85], [950, 1150], 5),
      car('Touran', [2003, 2026], MPV, MOSTLY_DIESEL, [1598, 1968], [77, 110], [1450, 1650], 3),
      car('Tiguan', [2007, 2026], SUV, MOSTLY_DIESEL, [1395, 1968], [92, 140], [1500, 1750], 3),
      car('Caddy', [2004, 2026], VAN, MOSTLY_DIESEL, [1598, 1968], [55, 90], [1350, 1550], 3, {
        category: 'N1',
        wmi: 'WV1',
      }),
      car('Transporter', [2003, 2026], VAN, MOSTLY_DIESEL, [1968, 2461], [62, 110], [1800, 2300], 2, {
        category: 'N1',
        wmi: 'WV1',
      }),
    ],
  },
  {
    make: 'Opel',
    wmi: 'W0L',
    weight: 10,
    models: [
      car('Astra', [1998, 2026], HATCH_WAGON, PETROL_DIESEL, [1364, 1910], [66, 110], [1150, 1400], 10),
      car('Corsa', [1993, 2026], HATCH, SMALL_CAR, [998, 1398], [44, 74], [950, 1150], 7),
      car('Vectra', [1995, 2008], SEDAN_WAGON, PETROL_DIESEL, [1598, 2198], [74, 110], [1300, 1500], 4),
      car('Insignia', [2008, 2022], SEDAN_WAGON, MOSTLY_DIESEL, [1598, 1956], [96, 143], [1500, 1700], 3),
      car('Zafira', [1999, 2019], MPV, PETROL_DIESEL, [1598, 1956], [74, 110], [1400, 1600], 3),
      car('Meriva', [2003, 2017], MPV, SMALL_CAR, [1364, 1686], [66, 88], [1200, 1400], 2),
    ],
  },
  {
    make: 'Mercedes-Benz',
    wmi: 'WDD',
    weight: 8,
    models: [
      car('C-Class', [2000, 2026], SEDAN_WAGON, MOSTLY_DIESEL, [1595, 2987], [100, 190], [1450, 1700], 8, {
        wmi: 'WDB',
      }),
      car('E-Class', [1999, 2026], SEDAN_WAGON, MOSTLY_DIESEL, [1950, 2987], [120, 220], [1600, 1900], 6, {
        wmi: 'WDB',
      }),
      car('A-Class', [2004, 2026], HATCH, PETROL_DIESEL, [1332, 1991], [80, 120], [1250, 1450], 4),
      car(
        'GLC',
        [2015, 2026],
        SUV,
        [
          ['diesel', 60],
          ['petrol', 20],
          ['hybrid', 20],
        ],
        [1950, 1999],
        [120, 190],
        [1750, 2000],
        2,
      ),
      car('Sprinter', [2000, 2026], VAN, MOSTLY_DIESEL, [2143, 2987], [80, 140], [1950, 2500], 3, {
        category: 'N1',
        wmi: 'WD3',
      }),
    ],
  },
  {
    make: 'BMW',
    wmi: 'WBA',
    weight: 8,
    models: [
      car('3 Series', [1998, 2026], SEDAN_WAGON, MOSTLY_DIESEL, [1598, 2993], [85, 190], [1350, 1600], 10),
      car('5 Series', [2000, 2026], SEDAN_WAGON, MOSTLY_DIESEL, [1995, 2993], [120, 250], [1550, 1850], 6),
      car('1 Series', [2004, 2026], HATCH, PETROL_DIESEL, [1499, 1995], [85, 135], [1250, 1450], 3),
      // US-built at Spartanburg, hence a North American WMI with a mandatory check digit.
      car('X5', [2000, 2026], SUV, MOSTLY_DIESEL, [2993, 4395], [170, 300], [2050, 2350], 3, { wmi: '5UX' }),
      car('X3', [2010, 2026], SUV, MOSTLY_DIESEL, [1995, 2993], [120, 210], [1750, 1950], 3, { wmi: '5UX' }),
    ],
  },
  {
    make: 'Audi',
    wmi: 'WAU',
    weight: 7,
    models: [
      car('A4', [1995, 2026], SEDAN_WAGON, MOSTLY_DIESEL, [1781, 2967], [96, 180], [1350, 1600], 10),
      car('A6', [1997, 2026], SEDAN_WAGON, MOSTLY_DIESEL, [1968, 2967], [120, 220], [1550, 1850], 6),
      car('A3', [1996, 2026], HATCH, PETROL_DIESEL, [1395, 1968], [77, 135], [1200, 1400], 5),
      car('Q5', [2008, 2026], SUV, MOSTLY_DIESEL, [1968, 2967], [120, 210], [1750, 1950], 3),
      car('Q7', [2006, 2026], SUV, MOSTLY_DIESEL, [2967, 2995], [160, 250], [2100, 2400], 1, { wmi: 'WA1' }),
    ],
  },
  {
    make: 'Ford',
    wmi: 'WF0',
    weight: 7,
    models: [
      car('Focus', [1998, 2025], HATCH_WAGON, PETROL_DIESEL, [999, 1997], [74, 110], [1200, 1400], 10),
      car('Fiesta', [1995, 2023], HATCH, SMALL_CAR, [998, 1596], [44, 74], [950, 1150], 6),
      car('Mondeo', [1993, 2022], SEDAN_WAGON, MOSTLY_DIESEL, [1798, 2261], [85, 132], [1400, 1600], 4),
      car(
        'Kuga',
        [2008, 2026],
        SUV,
        [
          ['diesel', 60],
          ['petrol', 25],
          ['hybrid', 15],
        ],
        [1498, 1997],
        [88, 140],
        [1550, 1750],
        3,
      ),
      car('Transit', [2000, 2026], VAN, MOSTLY_DIESEL, [1995, 2402], [74, 125], [1900, 2400], 4, {
        category: 'N1',
      }),
    ],
  },
  {
    make: 'Renault',
    wmi: 'VF1',
    weight: 6,
    models: [
      car('Clio', [1998, 2026], HATCH, SMALL_CAR, [898, 1598], [48, 85], [950, 1150], 8),
      car('Megane', [1996, 2026], HATCH_WAGON, PETROL_DIESEL, [1390, 1995], [74, 110], [1150, 1350], 8),
      car('Scenic', [1996, 2022], MPV, PETROL_DIESEL, [1461, 1998], [78, 103], [1350, 1550], 4),
      car('Kangoo', [1998, 2026], VAN, MOSTLY_DIESEL, [1461, 1598], [50, 80], [1200, 1400], 3, {
        category: 'N1',
      }),
    ],
  },
  {
    make: 'Peugeot',
    wmi: 'VF3',
    weight: 6,
    models: [
      car('206', [1998, 2012], HATCH, SMALL_CAR, [1124, 1587], [44, 80], [950, 1100], 7),
      car('207', [2006, 2014], HATCH, SMALL_CAR, [1360, 1598], [54, 88], [1100, 1250], 4),
      car('208', [2012, 2026], HATCH, SMALL_CAR, [1199, 1560], [50, 96], [1000, 1200], 4),
      car('307', [2001, 2008], HATCH_WAGON, PETROL_DIESEL, [1360, 1997], [55, 100], [1200, 1400], 4),
      car('308', [2007, 2026], HATCH_WAGON, PETROL_DIESEL, [1199, 1997], [80, 110], [1200, 1400], 5),
      car(
        '3008',
        [2009, 2026],
        SUV,
        [
          ['diesel', 60],
          ['petrol', 25],
          ['hybrid', 15],
        ],
        [1199, 1997],
        [96, 133],
        [1400, 1600],
        3,
      ),
      car('Partner', [1996, 2026], VAN, MOSTLY_DIESEL, [1560, 1997], [55, 75], [1250, 1450], 3, {
        category: 'N1',
      }),
    ],
  },
  {
    make: 'Citroën',
    wmi: 'VF7',
    weight: 4,
    models: [
      car('C3', [2002, 2026], HATCH, SMALL_CAR, [1124, 1560], [44, 82], [1000, 1150], 6),
      car('C4', [2004, 2026], HATCH, PETROL_DIESEL, [1397, 1997], [65, 110], [1200, 1400], 4),
      car('C5', [2001, 2017], SEDAN_WAGON, MOSTLY_DIESEL, [1749, 2179], [85, 125], [1450, 1650], 3),
      car('Berlingo', [1996, 2026], VAN, MOSTLY_DIESEL, [1560, 1997], [55, 75], [1250, 1450], 4, {
        category: 'N1',
      }),
    ],
  },
  {
    make: 'Škoda',
    wmi: 'TMB',
    weight: 7,
    models: [
      car('Octavia', [1996, 2026], HATCH_WAGON, PETROL_DIESEL, [1197, 1968], [66, 110], [1200, 1400], 10),
      car('Fabia', [1999, 2026], HATCH_WAGON, SMALL_CAR, [999, 1422], [44, 70], [950, 1150], 6),
      car('Superb', [2001, 2026], SEDAN_WAGON, MOSTLY_DIESEL, [1798, 1968], [103, 140], [1450, 1650], 4),
      car('Kodiaq', [2016, 2026], SUV, MOSTLY_DIESEL, [1395, 1968], [110, 140], [1550, 1750], 2),
      car('Enyaq', [2021, 2026], SUV, ELECTRIC, [0, 0], [132, 220], [2000, 2200], 1),
    ],
  },
  {
    make: 'Toyota',
    wmi: 'JTD',
    weight: 6,
    models: [
      car('Yaris', [1999, 2026], HATCH, HYBRID_FRIENDLY, [998, 1496], [51, 85], [950, 1150], 6),
      car('Corolla', [2007, 2026], HATCH_WAGON, HYBRID_FRIENDLY, [1598, 1987], [90, 135], [1250, 1450], 6, {
        wmi: 'SB1',
      }),
      car('Auris', [2007, 2018], HATCH, HYBRID_FRIENDLY, [1329, 1798], [73, 100], [1200, 1400], 4, {
        wmi: 'SB1',
      }),
      car('Avensis', [1998, 2018], SEDAN_WAGON, PETROL_DIESEL, [1598, 2231], [81, 130], [1300, 1500], 3, {
        wmi: 'SB1',
      }),
      car('RAV4', [2000, 2026], SUV, HYBRID_FRIENDLY, [1987, 2487], [105, 163], [1550, 1750], 3, {
        wmi: 'JTM',
      }),
    ],
  },
  {
    make: 'Dacia',
    wmi: 'UU1',
    weight: 5,
    models: [
      car(
        'Logan',
        [2004, 2026],
        ['saloon', 'estate'],
        [
          ['lpg', 40],
          ['petrol', 30],
          ['diesel', 30],
        ],
        [898, 1598],
        [48, 75],
        [1000, 1200],
        6,
      ),
      car(
        'Sandero',
        [2008, 2026],
        HATCH,
        [
          ['lpg', 40],
          ['petrol', 40],
          ['diesel', 20],
        ],
        [898, 1598],
        [48, 75],
        [950, 1150],
        6,
      ),
      car(
        'Duster',
        [2010, 2026],
        SUV,
        [
          ['diesel', 50],
          ['lpg', 25],
          ['petrol', 25],
        ],
        [1197, 1598],
        [75, 110],
        [1200, 1400],
        5,
      ),
      car(
        'Jogger',
        [2022, 2026],
        MPV,
        [
          ['lpg', 50],
          ['petrol', 30],
          ['hybrid', 20],
        ],
        [999, 1598],
        [74, 103],
        [1200, 1350],
        1,
      ),
    ],
  },
  {
    make: 'Hyundai',
    wmi: 'KMH',
    weight: 4,
    models: [
      car('i30', [2007, 2026], HATCH_WAGON, PETROL_DIESEL, [1353, 1591], [73, 100], [1200, 1400], 5, {
        wmi: 'TMA',
      }),
      car('Tucson', [2004, 2026], SUV, PETROL_DIESEL, [1591, 1995], [85, 136], [1450, 1650], 5),
      car('Santa Fe', [2000, 2026], SUV, MOSTLY_DIESEL, [2199, 2656], [110, 147], [1800, 2000], 2),
      car('i10', [2008, 2026], HATCH, SMALL_CAR, [998, 1248], [49, 62], [900, 1000], 3, { wmi: 'MAL' }),
    ],
  },
  {
    make: 'Kia',
    wmi: 'KNA',
    weight: 4,
    models: [
      car('Ceed', [2007, 2026], HATCH_WAGON, PETROL_DIESEL, [1353, 1591], [73, 100], [1200, 1400], 5, {
        wmi: 'U5Y',
      }),
      car('Sportage', [2010, 2026], SUV, PETROL_DIESEL, [1591, 1995], [85, 136], [1450, 1650], 5, {
        wmi: 'U5Y',
      }),
      car('Rio', [2000, 2026], HATCH, SMALL_CAR, [1248, 1396], [55, 74], [1000, 1150], 3),
      car('Picanto', [2004, 2026], HATCH, SMALL_CAR, [998, 1248], [49, 62], [850, 950], 3),
    ],
  },
  {
    make: 'Seat',
    wmi: 'VSS',
    weight: 3,
    models: [
      car('Ibiza', [1993, 2026], HATCH, SMALL_CAR, [999, 1598], [55, 85], [1000, 1150], 6),
      car('Leon', [1999, 2026], HATCH_WAGON, PETROL_DIESEL, [1197, 1968], [77, 110], [1200, 1400], 6),
      car('Ateca', [2016, 2026], SUV, PETROL_DIESEL, [999, 1968], [85, 140], [1300, 1550], 2),
    ],
  },
  {
    make: 'Fiat',
    wmi: 'ZFA',
    weight: 3,
    models: [
      car('Punto', [1999, 2018], HATCH, SMALL_CAR, [1108, 1368], [44, 70], [900, 1100], 6),
      car('Panda', [2003, 2026], HATCH, SMALL_CAR, [875, 1242], [44, 51], [850, 1000], 4),
      car('500', [2007, 2026], HATCH, SMALL_CAR, [875, 1368], [51, 74], [850, 1000], 3),
      car('Doblo', [2001, 2026], VAN, MOSTLY_DIESEL, [1248, 1598], [66, 77], [1300, 1450], 3, {
        category: 'N1',
      }),
    ],
  },
  {
    make: 'Nissan',
    wmi: 'SJN',
    weight: 3,
    models: [
      car('Qashqai', [2007, 2026], SUV, PETROL_DIESEL, [1197, 1995], [85, 120], [1300, 1500], 6),
      car('Juke', [2010, 2026], SUV, SMALL_CAR, [999, 1618], [84, 110], [1150, 1300], 3),
      car('Note', [2006, 2013], MPV, SMALL_CAR, [1386, 1598], [65, 81], [1100, 1250], 2),
    ],
  },
  {
    make: 'Mazda',
    wmi: 'JMZ',
    weight: 2,
    models: [
      car('3', [2003, 2026], HATCH, PETROL_DIESEL, [1598, 1998], [77, 110], [1200, 1400], 5),
      car('6', [2002, 2024], SEDAN_WAGON, PETROL_DIESEL, [1798, 2488], [88, 141], [1350, 1550], 4),
      car('CX-5', [2012, 2026], SUV, PETROL_DIESEL, [1998, 2488], [110, 143], [1500, 1700], 3),
    ],
  },
  {
    make: 'Honda',
    wmi: 'JHM',
    weight: 2,
    models: [
      car('Civic', [1995, 2026], HATCH, HYBRID_FRIENDLY, [1339, 1798], [73, 104], [1150, 1350], 5),
      car('CR-V', [1997, 2026], SUV, HYBRID_FRIENDLY, [1997, 2354], [110, 135], [1500, 1700], 4),
      car('Jazz', [2002, 2026], HATCH, HYBRID_FRIENDLY, [1198, 1498], [57, 81], [1000, 1150], 3),
    ],
  },
  {
    make: 'Volvo',
    wmi: 'YV1',
    weight: 2,
    models: [
      car(
        'XC60',
        [2008, 2026],
        SUV,
        [
          ['diesel', 70],
          ['hybrid', 20],
          ['petrol', 10],
        ],
        [1969, 2400],
        [120, 186],
        [1750, 2000],
        5,
      ),
      car(
        'XC90',
        [2002, 2026],
        SUV,
        [
          ['diesel', 75],
          ['hybrid', 25],
        ],
        [1969, 2400],
        [140, 228],
        [2000, 2250],
        3,
      ),
      car('V40', [2012, 2019], HATCH, PETROL_DIESEL, [1498, 1969], [88, 140], [1350, 1500], 2),
    ],
  },
  {
    make: 'Suzuki',
    wmi: 'TSM',
    weight: 2,
    models: [
      car(
        'Vitara',
        [2015, 2026],
        SUV,
        [
          ['petrol', 70],
          ['hybrid', 20],
          ['lpg', 10],
        ],
        [998, 1586],
        [82, 103],
        [1150, 1300],
        5,
      ),
      car('Swift', [2005, 2017], HATCH, SMALL_CAR, [1242, 1490], [55, 75], [950, 1100], 4),
    ],
  },
  {
    make: 'Lada',
    wmi: 'XTA',
    weight: 1,
    models: [
      car(
        'Niva',
        [1977, 2026],
        SUV,
        [
          ['petrol', 55],
          ['lpg', 45],
        ],
        [1570, 1690],
        [54, 61],
        [1150, 1300],
        5,
      ),
      car(
        '2107',
        [1982, 2012],
        ['saloon'],
        [
          ['petrol', 50],
          ['lpg', 50],
        ],
        [1451, 1568],
        [47, 55],
        [1000, 1100],
        3,
      ),
    ],
  },
  {
    make: 'Tesla',
    wmi: '5YJ',
    weight: 0.5,
    models: [
      car('Model 3', [2018, 2026], ['saloon'], ELECTRIC, [0, 0], [175, 366], [1750, 1850], 7),
      car('Model S', [2013, 2026], ['hatchback'], ELECTRIC, [0, 0], [245, 500], [2050, 2250], 3),
    ],
  },
  {
    make: 'Honda',
    wmi: 'JH2',
    weight: 0.6,
    models: [
      car('CBR600RR', [2003, 2024], MOTORCYCLE, PETROL, [599, 599], [75, 88], [186, 196], 1, {
        category: 'L3',
      }),
    ],
  },
  {
    make: 'Yamaha',
    wmi: 'JYA',
    weight: 0.8,
    models: [
      car('MT-07', [2014, 2026], MOTORCYCLE, PETROL, [689, 689], [52, 55], [180, 185], 3, { category: 'L3' }),
      car('XJ6', [2009, 2016], MOTORCYCLE, PETROL, [600, 600], [56, 57], [205, 215], 2, { category: 'L3' }),
    ],
  },
  {
    make: 'BMW',
    wmi: 'WB1',
    weight: 0.4,
    models: [
      car('R 1250 GS', [2019, 2026], MOTORCYCLE, PETROL, [1254, 1254], [100, 100], [249, 268], 1, {
        category: 'L3',
      }),
    ],
  },
];

/** Colours of the registration certificate, with rough fleet shares. */
export const COLOUR_SHARES: WeightedPairs<Colour> = [
  ['grey', 20],
  ['black', 18],
  ['white', 17],
  ['silver', 14],
  ['blue', 10],
  ['red', 7],
  ['dark-blue', 4],
  ['green', 3],
  ['burgundy', 2],
  ['brown', 2],
  ['beige', 1],
  ['yellow', 1],
  ['orange', 1],
];

export interface Insurer {
  readonly name: string;
  /** Two-digit code used in the synthetic policy numbers (BG/<code>/<serial>). */
  readonly code: string;
  /** Approximate MTPL market share, as a weight. */
  readonly weight: number;
}

export const MTPL_INSURERS: readonly Insurer[] = [
  { name: 'ЗАД „Армеец“', code: '01', weight: 14 },
  { name: 'ЗД „Бул Инс“ АД', code: '02', weight: 14 },
  { name: '„ДЗИ – Общо застраховане“ ЕАД', code: '03', weight: 11 },
  { name: 'ЗД „Лев Инс“ АД', code: '04', weight: 10 },
  { name: '„Дженерали Застраховане“ АД', code: '05', weight: 10 },
  { name: 'ЗАД „Алианц България“', code: '06', weight: 8 },
  { name: '„ОЗК – Застраховане“ АД', code: '07', weight: 7 },
  { name: 'ЗД „Евроинс“ АД', code: '08', weight: 12 },
  { name: '„Групама Застраховане“ ЕАД', code: '09', weight: 5 },
  { name: '„Застрахователна компания Уника“ АД', code: '10', weight: 4 },
  { name: 'ЗАД „Булстрад Виена Иншурънс Груп“', code: '11', weight: 5 },
];

/** Trading names used for the periodic technical inspection stations (ГТП) of the synthetic data. */
export const INSPECTION_STATION_BRANDS: readonly string[] = [
  'Автотест',
  'Автодиагностика',
  'Технически преглед',
  'Мотор Контрол',
  'Авто Експерт',
  'Пътна безопасност',
  'Автотехника',
  'Диагностик',
  'Сигма Авто',
  'Автоцентър Юг',
];

export function inspectionStationName(brand: string, town: string): string {
  return `ГТП „${brand}“ – ${town}`;
}

/** Company names for fleet owners; the legal form is appended by the generator. */
export const COMPANY_NAMES: readonly string[] = [
  'Транс Експрес',
  'Авто Логистик',
  'Бултранс',
  'Строй Инвест',
  'Агро Комерс',
  'Еко Транспорт',
  'Балкан Карго',
  'Тракия Трейд',
  'Дунав Логистика',
  'Черноморие Транс',
  'Родопи Строй',
  'Пирин Агро',
  'Витоша Сървиз',
  'Марица Инвест',
  'Стара планина Транс',
  'Рент а Кар България',
  'Медико Сервиз',
  'Хлебозавод Добруджа',
  'Инфо Системс',
  'Електро Монтаж',
];
export const COMPANY_FORMS: WeightedPairs<string> = [
  ['ЕООД', 55],
  ['ООД', 30],
  ['АД', 10],
  ['ЕАД', 5],
];
