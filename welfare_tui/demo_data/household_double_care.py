"""B氏世帯: ダブルケア — a mother on childcare leave caring for her toddler and her father with
dementia who lives alone nearby. One 重層的支援会議 (she asked for help and consented). Fictional."""

from __future__ import annotations

from welfare_tui.demo_data._build import (
    attendee,
    case,
    check,
    consent,
    document,
    info,
    issue,
    local_agency,
    next_meeting,
    person,
    risk,
    role,
    strength,
    tie,
)

CODE = "DEMO-2026-002"
PLACE = "こども家庭センター 相談室1"

AGENCIES = {
    "midori_houkatsu": local_agency("みどり地域包括支援センター", "みどり包括", "高齢"),
    "himawari_hoikuen": local_agency("ひまわり保育園", "ひまわり保育園", "子ども"),
}

CASE = case(
    code=CODE,
    label="B氏世帯",
    summary=(
        "本人（38歳）は夫及び長男（1歳）と3人で暮らしており、育児休業中である。徒歩10分の所に独居の父"
        "（76歳、アルツハイマー型認知症、要介護1）が住んでおり、母が2023年に死去して以降、本人が父の服薬の確認、"
        "食事の用意、通院の付添いを担っている。夫は交替勤務で、夜勤の週は本人が一人で育児と父の対応をしている。"
        "2026年9月の乳幼児相談で本人が「父のことで夜眠れない」と話し、こども家庭センターが相談を受けた。"
        "本人は支援を希望し、9月29日に関係機関での情報共有について書面で同意した。2027年4月に復職を予定しており、"
        "長男の保育所入所と父の介護体制の見直しを同時に進める必要がある。"
    ),
    tags=["ダブルケア"],
    referral_route="本人（乳幼児相談）",
    status="support",
    consent=consent(
        "written",
        "2026-09-29",
        "こども家庭センター・地域包括支援センター・居宅介護支援事業所・保育園・市の関係課の間で、"
        "世帯及び父の生活状況・健康状態を共有すること",
        "こども家庭センター 森（保健師）",
        agencies=(
            "caremanager",
            "city_welfare",
            "himawari_hoikuen",
            "kodomo_katei",
            "midori_houkatsu",
            "riyousha_shien",
            "takikan",
        ),
    ),
    lead_agency="kodomo_katei",
    key_person="夫",
    household=[
        person(
            "中村 勇",
            "なかむら いさむ",
            "父",
            "male",
            "1950-05-14",
            cohabiting=False,
            note="アルツハイマー型認知症、要介護1（2026年6月認定）。独居（本人宅から徒歩10分）",
        ),
        person(
            "中村 和子",
            "なかむら かずこ",
            "母",
            "female",
            "1952-08-01",
            deceased=True,
            cohabiting=False,
            note="2023年死去",
        ),
        person(
            "木村 さやか",
            "きむら さやか",
            "本人",
            "female",
            "1988-04-25",
            index=True,
            note="育児休業中（2027年4月復職予定）。父の介護を担う",
        ),
        person(
            "木村 大輔",
            "きむら だいすけ",
            "夫",
            "male",
            "1986-12-02",
            key=True,
            note="会社員。交替勤務で月に1週は夜勤",
        ),
        person(
            "木村 陽太", "きむら ようた", "長男", "male", "2025-06-10", note="1歳。保育園の一時預かりを利用"
        ),
        person(
            "中村 健司",
            "なかむら けんじ",
            "弟",
            "male",
            "1991-03-03",
            cohabiting=False,
            note="県外在住。年2回帰省",
        ),
    ],
)


def documents() -> list[dict]:
    return [
        document(
            local_agencies=AGENCIES,
            case=CASE,
            uid="98cbe59569e248099cf5537313bb4127",
            agenda="juso_shien_kaigi",
            round=1,
            date="2026-10-08",
            start="10:00",
            end="11:20",
            place=PLACE,
            chair="多機関協働事業 相談支援包括化推進員 中村 直樹",
            recorder="地域福祉課 田中 美咲",
            purpose=(
                "本人から、育児と父の介護の両立が難しいとの相談があった。本人の同意を得たため、重層的支援会議として"
                "世帯の状況を共有し、本人の負担を軽減する支援プラン案と役割分担を決定する。"
            ),
            confirmed_at="10:02",
            step_notes={
                "confidentiality": "本人の同意書（9月29日付）の範囲を読み上げて確認した。",
                "assessment": "本人の意向「父も息子も大事。自分が倒れないようにしたい」を記録した。",
            },
            attendees=[
                attendee("takikan", "重層的支援推進室", "相談支援包括化推進員", "中村 直樹"),
                attendee("city_welfare", "地域福祉課 重層的支援推進係", "社会福祉士", "田中 美咲"),
                attendee("kodomo_katei", "母子保健係", "保健師", "森 早紀"),
                attendee("midori_houkatsu", "", "主任介護支援専門員", "池田 真理"),
                attendee("caremanager", "居宅介護支援事業所さくら", "介護支援専門員", "石川 拓也"),
                attendee("himawari_hoikuen", "", "園長", "清水 久美子"),
                attendee("riyousha_shien", "保育課", "利用者支援専門員", "岡田 美穂"),
            ],
            shared_info=[
                info(
                    "kodomo_katei",
                    "本人は夜間に父からの電話で起こされることが週3回程度あり、睡眠不足を訴えている。"
                    "夫の夜勤の週は一人で対応している。長男の発育・発達に問題はない。",
                ),
                info(
                    "midori_houkatsu",
                    "父は6月に要介護1の認定を受けた。一人で買物に行けるが、同じ物を繰り返し買う。"
                    "8月に鍋を焦がしたことが1回あった。",
                ),
                info(
                    "caremanager",
                    "父は通所介護を週2回利用している。服薬は本人が毎朝訪問して確認しており、"
                    "本人が行けない日は飲み忘れがある。",
                ),
                info(
                    "himawari_hoikuen",
                    "長男は一時預かりを週1回利用している。送迎時の本人は疲れた様子のことが多い。"
                    "2027年4月の入所について相談を受けている。",
                ),
                info(
                    "riyousha_shien",
                    "2027年4月入所の申込みは11月に受け付ける。家族の介護は入所選考の調整指数の対象となる。",
                ),
            ],
            ties=[
                tie("kodomo_katei", "strong", "both", "月1回面談・電話相談"),
                tie("caremanager", "strong", "to_household", "ケアプラン・月1回訪問", member="父"),
                tie("midori_houkatsu", "normal", "to_household", "月1回訪問", member="父"),
                tie("kaigo_service", "normal", "to_household", "通所介護 週2回", member="父"),
                tie("himawari_hoikuen", "normal", "to_household", "一時預かり 週1回", member="長男"),
                tie("riyousha_shien", "weak", "to_household", "入所申込みの案内"),
                tie("hospital", "normal", "to_household", "物忘れ外来 月1回（本人付添い）", member="父"),
                tie("弟（県外）", "weak", "both", "年2回帰省"),
                tie("父の近隣住民", "normal", "to_household", "声かけ", member="父"),
            ],
            assessment=[
                issue(
                    "本人の睡眠不足と疲労が続いており、育児と父の介護の両立が限界に近い。",
                    1,
                    "high",
                    "kodomo_katei",
                ),
                issue("父の服薬の確認と火の始末を、本人の毎朝の訪問に頼っている。", 2, "high", "caremanager"),
                issue(
                    "2027年4月の復職に向け、長男の保育所入所と父の介護体制を同時に整える必要がある。",
                    3,
                    "medium",
                    "riyousha_shien",
                ),
                risk("父の火の不始末による火災のおそれがある。", 1, "high", "caremanager"),
                risk("本人の疲労が続き、心身の不調に至るおそれがある。", 2, "medium", "kodomo_katei"),
                strength("本人が自ら相談し、支援を受ける意思を示している。"),
                strength("夫は夜勤のない週は育児を分担している。"),
                strength("父は通所介護を楽しみにしており、利用を嫌がらない。"),
            ],
            policy=(
                "本人の負担の軽減を最優先とし、父の介護を本人一人に頼らない体制を介護保険サービスで整える。"
                "長男については一時預かりの回数を増やし、2027年4月の入所に向けて申込みを支援する。"
                "主担当機関はこども家庭センターとし、父の支援は地域包括支援センター及びケアマネジャーが担う。"
            ),
            long_goals=[
                "本人が2027年4月に復職し、育児・仕事・父の介護を無理なく続けられる",
                "父が介護サービスを利用しながら自宅での一人暮らしを続ける",
            ],
            short_goals=[
                "父の服薬を訪問介護で確認し、本人の毎朝の訪問を週3回以下にする",
                "長男の一時預かりを週2回に増やす",
                "11月に保育所入所の申込みを済ませる",
                "父宅のガスコンロを安全装置付きのものに替える",
            ],
            roles=[
                role(
                    "ケアプランの見直し（訪問介護による服薬確認の追加）", "caremanager", "石川", "2026-10-23"
                ),
                role("父宅のコンロの安全対策の検討と家族への説明", "midori_houkatsu", "池田", "2026-10-30"),
                role("一時預かりの週2回への調整", "himawari_hoikuen", "清水", "2026-10-16", "done"),
                role("保育所入所申込みの手続の案内と書類の確認", "riyousha_shien", "岡田", "2026-11-20"),
                role("本人との面談（月1回）と睡眠・気分の確認", "kodomo_katei", "森", "2026-11-13"),
                role("夫・弟を交えた家族の話合いの設定", "kodomo_katei", "森", "2026-11-30"),
            ],
            monitoring=[
                check("2026-11-13", "本人の睡眠と疲労の状況を確認する（こども家庭センター）"),
                check("2026-11-30", "父の服薬の状況と訪問介護の利用状況を確認する（ケアマネジャー）"),
            ],
            resource_gaps=(
                "育児と介護を同時に担う人が一度に相談できる窓口がなく、本人は複数の窓口を回っていた。"
                "一時預かりの枠が少なく、希望する日に利用できないことがある。"
            ),
            decisions=(
                "1. 主担当機関をこども家庭センターとする。\n"
                "2. 父のケアプランを見直し、服薬の確認を訪問介護で行う。\n"
                "3. 長男の一時預かりを週2回とし、11月に保育所入所を申し込む。"
            ),
            remaining_issues=(
                "父の認知症が進み一人暮らしが難しくなった場合の住まいの検討が必要である。"
                "弟の協力が得られるか確認できていない。"
            ),
            next=next_meeting("2026-12-17", "10:00", PLACE, "短期目標の評価を兼ねて開催する"),
        )
    ]
