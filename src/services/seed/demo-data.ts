// The demo company, as the CSV files an admin would import. Dates of equipment and contracts are
// relative to `today`, so whenever it is seeded some equipment is in warranty, some under a live
// contract (one expiring within a month, R18) and some neither (R1's three cases).
import type { ImportKind } from "../import/definition";
import { formatCsv } from "../import/csv";
import { addDays, isoDay } from "../import/dates";

type Rows = Record<string, string>[];

const ALL_ROLES = "admin|manager|director|dispatcher|technician|parts_clerk";
const ALL_SKILLS = "compressor|chiller|generator|electrical";

const KOREAN_HOLIDAYS = [
  "2026-01-01 신정",
  "2026-02-16..2026-02-18 설날",
  "2026-03-01 삼일절",
  "2026-03-02 대체공휴일(삼일절)",
  "2026-05-01 근로자의 날",
  "2026-05-05 어린이날",
  "2026-05-24 부처님오신날",
  "2026-05-25 대체공휴일(부처님오신날)",
  "2026-06-03 전국동시지방선거",
  "2026-06-06 현충일",
  "2026-08-15 광복절",
  "2026-08-17 대체공휴일(광복절)",
  "2026-09-24..2026-09-26 추석",
  "2026-10-03 개천절",
  "2026-10-05 대체공휴일(개천절)",
  "2026-10-09 한글날",
  "2026-12-25 성탄절",
  "2027-01-01 신정",
  "2027-02-06..2027-02-08 설날",
  "2027-02-09 대체공휴일(설날)",
  "2027-03-01 삼일절",
  "2027-05-01 근로자의 날",
  "2027-05-05 어린이날",
  "2027-05-13 부처님오신날",
  "2027-06-06 현충일",
  "2027-08-15 광복절",
  "2027-08-16 대체공휴일(광복절)",
  "2027-09-14..2027-09-16 추석",
  "2027-10-03 개천절",
  "2027-10-04 대체공휴일(개천절)",
  "2027-10-09 한글날",
  "2027-10-11 대체공휴일(한글날)",
  "2027-12-25 성탄절",
  "2027-12-27 대체공휴일(성탄절)",
];

const BERLIN_HOLIDAYS = [
  "2026-01-01 Neujahr",
  "2026-03-08 Internationaler Frauentag",
  "2026-04-03 Karfreitag",
  "2026-04-06 Ostermontag",
  "2026-05-01 Tag der Arbeit",
  "2026-05-14 Christi Himmelfahrt",
  "2026-05-25 Pfingstmontag",
  "2026-10-03 Tag der Deutschen Einheit",
  "2026-12-25..2026-12-26 Weihnachten",
  "2027-01-01 Neujahr",
  "2027-03-08 Internationaler Frauentag",
  "2027-03-26 Karfreitag",
  "2027-03-29 Ostermontag",
  "2027-05-01 Tag der Arbeit",
  "2027-05-06 Christi Himmelfahrt",
  "2027-05-17 Pfingstmontag",
  "2027-10-03 Tag der Deutschen Einheit",
  "2027-12-25..2027-12-26 Weihnachten",
];

// 2026: the State Council's arrangement (国办发明电〔2025〕7号). 2027: the statutory days around each
// festival, until the arrangement is published each November; the weekends it makes working days
// (调休上班) cannot be written as holidays and are left out.
const CHINESE_HOLIDAYS = [
  "2026-01-01..2026-01-03 元旦",
  "2026-02-15..2026-02-23 春节",
  "2026-04-04..2026-04-06 清明节",
  "2026-05-01..2026-05-05 劳动节",
  "2026-06-19..2026-06-21 端午节",
  "2026-09-25..2026-09-27 中秋节",
  "2026-10-01..2026-10-07 国庆节",
  "2027-01-01..2027-01-03 元旦",
  "2027-02-05..2027-02-11 春节",
  "2027-04-03..2027-04-05 清明节",
  "2027-05-01..2027-05-05 劳动节",
  "2027-06-09 端午节",
  "2027-09-15 中秋节",
  "2027-10-01..2027-10-07 国庆节",
];

const branches: Rows = [
  {
    code: "SEOUL",
    name: "서울 서비스센터 (Seoul)",
    time_zone: "Asia/Seoul",
    dispatch_channel_id: "C0DEMOSEL1",
    directors_channel_id: "C0DEMOSEL2",
    // R19: the day's survey list; Berlin has none, so its list goes to its dispatch channel.
    survey_channel_id: "C0DEMOSEL3",
    labour_rate: "55000",
    currency: "KRW",
    working_hours: "Mon-Fri 09:00-12:00,13:00-18:00",
    holidays: KOREAN_HOLIDAYS.join("|"),
    locale: "ko",
  },
  {
    code: "BERLIN",
    name: "Servicezentrum Berlin",
    time_zone: "Europe/Berlin",
    dispatch_channel_id: "C0DEMOBER1",
    directors_channel_id: "C0DEMOBER2",
    labour_rate: "78.00",
    currency: "EUR",
    working_hours: "Mon-Fri 08:00-17:00; Sat 09:00-12:00",
    holidays: BERLIN_HOLIDAYS.join("|"),
    // The bot speaks no German: Berlin reads English.
    locale: "en",
  },
  {
    code: "SHANGHAI",
    name: "上海服务中心 (Shanghai)",
    time_zone: "Asia/Shanghai",
    dispatch_channel_id: "C0DEMOSHA1",
    directors_channel_id: "C0DEMOSHA2",
    labour_rate: "260",
    currency: "CNY",
    working_hours: "Mon-Fri 08:30-12:00,13:00-17:30",
    holidays: CHINESE_HOLIDAYS.join("|"),
    locale: "zh-CN",
  },
];

function person(id: string, name: string, branch: string, roles: string, extra: Partial<Record<"skills" | "areas" | "email" | "phone" | "locale", string>> = {}) {
  return { slack_user_id: id, name, branch_code: branch, roles, skills: "", areas: "", email: "", phone: "", active: "true", locale: "", ...extra };
}

const staff: Rows = [
  person("U0DEMO001", "김민준", "SEOUL", "director", { email: "minjun.kim@demo-service.example", phone: "010-5550-0101" }),
  person("U0DEMO002", "이서연", "SEOUL", "dispatcher", { email: "seoyeon.lee@demo-service.example", phone: "02-555-0102" }),
  person("U0DEMO003", "박지훈", "SEOUL", "dispatcher", { email: "jihoon.park@demo-service.example", phone: "02-555-0103" }),
  person("U0DEMO004", "최도윤", "SEOUL", "technician", { skills: "compressor|chiller", areas: "urban", phone: "010-5550-0104" }),
  person("U0DEMO005", "정하은", "SEOUL", "technician", { skills: "chiller|generator", areas: "urban|suburban", phone: "010-5550-0105" }),
  person("U0DEMO006", "강현우", "SEOUL", "technician", { skills: "compressor|generator", areas: "suburban", phone: "010-5550-0106" }),
  // Seoul reads Korean; 王芳 and 李伟 chose Chinese for themselves (a person's choice wins over the branch's).
  person("U0DEMO007", "王芳", "SEOUL", "technician", { skills: "compressor|electrical", areas: "urban", phone: "010-5550-0107", locale: "zh-CN" }),
  person("U0DEMO008", "조은비", "SEOUL", "parts_clerk", { email: "eunbi.cho@demo-service.example", phone: "02-555-0108" }),
  person("U0DEMO009", "Katrin Weber", "BERLIN", "director", { email: "katrin.weber@demo-service.example", phone: "+49 30 5550 1209" }),
  person("U0DEMO010", "Jonas Becker", "BERLIN", "dispatcher", { email: "jonas.becker@demo-service.example", phone: "+49 30 5550 1210" }),
  person("U0DEMO011", "Lukas Schneider", "BERLIN", "technician", { skills: "compressor|chiller", areas: "urban", phone: "+49 170 5550 1211" }),
  person("U0DEMO012", "Mehmet Yılmaz", "BERLIN", "technician", { skills: "generator|electrical", areas: "urban|suburban", phone: "+49 170 5550 1212" }),
  person("U0DEMO013", "Anna Hoffmann", "BERLIN", "technician", { skills: "chiller|compressor", areas: "suburban", phone: "+49 170 5550 1213" }),
  person("U0DEMO014", "Sabine Wagner", "BERLIN", "parts_clerk", { email: "sabine.wagner@demo-service.example", phone: "+49 30 5550 1214" }),
  person("U0DEMO015", "한승우", "SEOUL", "manager", { email: "seungwoo.han@demo-service.example", phone: "010-5550-0115" }),
  person("U0DEMO016", "李伟", "SEOUL", "admin", { email: "wei.li@demo-service.example", phone: "010-5550-0116", locale: "zh-CN" }),
  person("U0DEMO017", "윤서진", "SEOUL", "surveyor", { email: "seojin.yoon@demo-service.example", phone: "02-555-0117" }),
  person("U0DEMO018", "张伟", "SHANGHAI", "director", { email: "wei.zhang@demo-service.example", phone: "+86 138 5550 0118" }),
  person("U0DEMO019", "刘洋", "SHANGHAI", "dispatcher", { email: "yang.liu@demo-service.example", phone: "021-5550-0119" }),
  person("U0DEMO020", "陈磊", "SHANGHAI", "technician", { skills: "compressor|chiller", areas: "urban", phone: "+86 139 5550 0120" }),
  person("U0DEMO021", "杨静", "SHANGHAI", "technician", { skills: "chiller|generator", areas: "urban|suburban", phone: "+86 137 5550 0121" }),
  person("U0DEMO022", "赵强", "SHANGHAI", "technician", { skills: "generator|electrical", areas: "suburban", phone: "+86 136 5550 0122" }),
  person("U0DEMO023", "周敏", "SHANGHAI", "parts_clerk", { email: "min.zhou@demo-service.example", phone: "021-5550-0123" }),
];

const customers: Rows = [
  { code: "C-SEL-001", name: "한빛정밀(주)", address: "서울특별시 강남구 테헤란로 152, 8층", phone: "02-555-1001", contact_person: "오세훈 과장", area: "urban", grade: "A", branch_code: "SEOUL" },
  { code: "C-SEL-002", name: "대성식품", address: "경기도 화성시 향남읍 제약공단2길 45", phone: "031-555-1002", contact_person: "윤미래 대리", area: "suburban", grade: "B", branch_code: "SEOUL" },
  { code: "C-SEL-003", name: "미래병원", address: "서울특별시 마포구 월드컵북로 21", phone: "02-555-1003", contact_person: "신동욱 시설팀장", area: "urban", grade: "A", branch_code: "SEOUL" },
  { code: "C-SEL-004", name: "청솔물류센터", address: "경기도 이천시 마장면 프리미엄아울렛로 80", phone: "031-555-1004", contact_person: "", area: "suburban", grade: "C", branch_code: "SEOUL" },
  // A Chinese company's Seoul office: its survey page speaks Chinese, not the branch's Korean.
  { code: "C-SEL-005", name: "华瑞贸易 首尔办事处", address: "서울특별시 중구 세종대로 110, 12층", phone: "+82 2 555 1005", contact_person: "陈静", area: "urban", grade: "B", branch_code: "SEOUL", locale: "zh-CN" },
  { code: "C-SEL-006", name: "그린팜 영농조합", address: "경기도 양평군 양서면 북한강로 300", phone: "031-555-1006", contact_person: "김농부", area: "suburban", grade: "C", branch_code: "SEOUL" },
  { code: "C-BER-001", name: "Müller Feinmechanik GmbH", address: "Gewerbehof 12, 10997 Berlin", phone: "+49 30 5550 2001", contact_person: "Frank Müller", area: "urban", grade: "A", branch_code: "BERLIN" },
  { code: "C-BER-002", name: "Spreewald Kühlhaus KG", address: "Am Hafen 4, 03222 Lübbenau", phone: "+49 3542 5550 2002", contact_person: "Petra Krüger", area: "suburban", grade: "B", branch_code: "BERLIN" },
  { code: "C-BER-003", name: "Bäckerei Schulz", address: "Bergmannstraße 88, 10961 Berlin", phone: "+49 30 5550 2003", contact_person: "Heike Schulz", area: "urban", grade: "C", branch_code: "BERLIN" },
  { code: "C-BER-004", name: "Druckerei Brandenburg AG", address: "Zeppelinstraße 30, 14471 Potsdam", phone: "+49 331 5550 2004", contact_person: "Thomas Richter", area: "suburban", grade: "B", branch_code: "BERLIN" },
  { code: "C-SHA-001", name: "上海华东精密机械有限公司", address: "上海市浦东新区张江高科技园区碧波路 690 号", phone: "021-5550-3001", contact_person: "王建国 经理", area: "urban", grade: "A", branch_code: "SHANGHAI" },
  { code: "C-SHA-002", name: "苏州恒泰食品有限公司", address: "江苏省苏州市吴中区木渎镇金枫路 88 号", phone: "0512-5550-3002", contact_person: "李娜 主管", area: "suburban", grade: "B", branch_code: "SHANGHAI" },
  { code: "C-SHA-003", name: "上海仁济康复医院", address: "上海市黄浦区山东中路 145 号", phone: "021-5550-3003", contact_person: "孙立 设备科科长", area: "urban", grade: "B", branch_code: "SHANGHAI" },
  { code: "C-SHA-004", name: "嘉兴绿源冷链物流", address: "浙江省嘉兴市南湖区亚太路 1052 号", phone: "0573-5550-3004", contact_person: "", area: "suburban", grade: "C", branch_code: "SHANGHAI" },
];

/** Acceptance and warranty end as days from today; warranty is a year unless said otherwise. */
const equipment: [customer: string, model: string, serial: string, acceptedDaysAgo: number, warrantyDays: number][] = [
  ["C-SEL-001", "AC-300", "AC3-24001", 400, 365], // warranty over, covered by MC-SEL-001 (all equipment)
  ["C-SEL-001", "CH-120", "CH1-23007", 800, 365], // warranty over, covered by MC-SEL-001
  ["C-SEL-002", "CH-120", "CH1-25012", 120, 365], // in warranty
  ["C-SEL-002", "GX-50", "GX5-19003", 2200, 365], // neither
  ["C-SEL-003", "GX-50", "GX5-22011", 1100, 365], // warranty over, listed in MC-SEL-002
  ["C-SEL-003", "AC-300", "AC3-25030", 60, 730], // in warranty (two years), not in the contract
  ["C-SEL-004", "AC-150", "AC1-20005", 1900, 365], // neither
  ["C-SEL-005", "AC-150", "AC1-25044", 30, 365], // in warranty
  ["C-SEL-006", "CH-60", "CH6-21002", 1500, 365], // neither
  ["C-BER-001", "AC-300", "AC3-23019", 700, 365], // warranty over, listed in MC-BER-001
  ["C-BER-001", "CH-120", "CH1-25020", 200, 730], // in warranty
  ["C-BER-002", "CH-120", "CH1-21033", 1600, 365], // neither: its contract MC-BER-002 has expired
  ["C-BER-003", "AC-150", "AC1-24060", 250, 365], // in warranty
  ["C-BER-004", "GX-50", "GX5-25002", 10, 730], // in warranty
  ["C-SHA-001", "AC-300", "AC3-24088", 500, 365], // warranty over, covered by MC-SHA-001 (all equipment)
  ["C-SHA-002", "CH-120", "CH1-25101", 90, 365], // in warranty
  ["C-SHA-003", "GX-50", "GX5-20017", 1800, 365], // neither
  ["C-SHA-004", "CH-60", "CH6-25055", 45, 730], // in warranty
];

const contracts: [number: string, customer: string, startedDaysAgo: number, endsInDays: number, status: string, serials: string, terms: string][] = [
  ["MC-SEL-001", "C-SEL-001", 345, 20, "active", "", "분기별 정기점검, 부품 10% 할인 / quarterly inspection, parts at 10% off"],
  ["MC-SEL-002", "C-SEL-003", 100, 265, "active", "GX5-22011", "24시간 긴급출동, 연 2회 점검 / 24-hour call-out, two inspections a year"],
  ["MC-BER-001", "C-BER-001", 200, 165, "active", "AC3-23019", "Halbjährliche Wartung, Arbeitszeit inklusive / half-yearly service, labour included"],
  ["MC-BER-002", "C-BER-002", 800, -70, "expired", "", "Jährliche Wartung / yearly service"],
  ["MC-SHA-001", "C-SHA-001", 150, 215, "active", "", "季度巡检，配件九折 / quarterly inspection, parts at 10% off"],
];

const parts: [partNo: string, name: string, unitPrice: string, serialised: boolean][] = [
  ["P-FLT-001", "Air filter element", "35000", false],
  ["P-FLT-002", "Oil filter", "18000", false],
  ["P-BLT-010", "V-belt", "42000", false],
  ["P-VLV-020", "Pressure relief valve", "96000", false],
  ["P-SNS-030", "Temperature sensor", "58000", false],
  ["P-SNS-031", "Pressure transducer", "124000", false],
  ["P-CTL-100", "Controller board", "780000", true],
  ["P-FAN-040", "Condenser fan motor", "265000", false],
  ["P-GKT-050", "Gasket set", "22000", false],
  ["P-OIL-060", "Compressor oil 5 L", "48000", false],
  ["P-RLY-070", "Contactor relay", "37000", false],
  ["P-BRG-080", "Bearing kit", "89000", false],
];

/** On-hand quantities [SEOUL, BERLIN, SHANGHAI]; the Berlin fan motor is out, to show waiting for parts. */
const stock: Record<string, [seoul: number, berlin: number, shanghai: number]> = {
  "P-FLT-001": [24, 12, 16],
  "P-FLT-002": [30, 15, 20],
  "P-BLT-010": [10, 6, 8],
  "P-VLV-020": [4, 2, 3],
  "P-SNS-030": [8, 5, 6],
  "P-SNS-031": [3, 2, 2],
  "P-CTL-100": [2, 1, 1],
  "P-FAN-040": [2, 0, 2],
  "P-GKT-050": [20, 10, 12],
  "P-OIL-060": [12, 8, 10],
  "P-RLY-070": [15, 9, 10],
  "P-BRG-080": [6, 3, 4],
};

/** The demo company's CSV files, in the order they must be imported (references come first). */
export function demoCompanyFiles(today: Date, adminSlackIds: readonly string[]): [ImportKind, string][] {
  const day = (offset: number) => isoDay(addDays(today, offset));
  const seeded = new Set(staff.map((row) => row.slack_user_id));
  // Whoever runs the demo gets every role, so they can try each part of the procedure themselves.
  const admins = adminSlackIds
    .filter((id) => !seeded.has(id))
    .map((id, index) => person(id, `Demo admin ${index + 1}`, "SEOUL", ALL_ROLES, { skills: ALL_SKILLS, areas: "urban|suburban" }));
  return [
    ["branches", formatCsv(branches)],
    ["staff", formatCsv([...staff, ...admins])],
    // Every row has the locale column (the header comes from the first row); empty = the branch's.
    ["customers", formatCsv(customers.map((customer) => ({ ...customer, locale: customer.locale ?? "" })))],
    [
      "equipment",
      formatCsv(
        equipment.map(([customer, model, serial, acceptedDaysAgo, warrantyDays]) => ({
          customer_code: customer,
          model,
          serial,
          acceptance_date: day(-acceptedDaysAgo),
          warranty_end: day(-acceptedDaysAgo + warrantyDays),
        })),
      ),
    ],
    [
      "contracts",
      formatCsv(
        contracts.map(([number, customer, startedDaysAgo, endsInDays, status, serials, terms]) => ({
          number,
          customer_code: customer,
          starts_on: day(-startedDaysAgo),
          ends_on: day(endsInDays),
          terms,
          status,
          equipment_serials: serials,
        })),
      ),
    ],
    ["parts", formatCsv(parts.map(([partNo, name, unitPrice, serialised]) => ({ part_no: partNo, name, unit_price: unitPrice, serialised: String(serialised), active: "true" })))],
    [
      "stock",
      formatCsv(
        Object.entries(stock).flatMap(([partNo, [seoul, berlin, shanghai]]) => [
          { part_no: partNo, branch_code: "SEOUL", quantity: String(seoul) },
          { part_no: partNo, branch_code: "BERLIN", quantity: String(berlin) },
          { part_no: partNo, branch_code: "SHANGHAI", quantity: String(shanghai) },
        ]),
      ),
    ],
  ];
}
