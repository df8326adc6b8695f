"""E氏世帯: 外国人世帯 — a Vietnamese family with language barriers, rent arrears after the father's
dismissal, and a son who stopped going to school. One 重層的支援会議 (written consent with a
Vietnamese translation). Fictional."""

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

CODE = "DEMO-2026-005"
PLACE = "市役所 4階 会議室A"

AGENCIES = {
    "tabunka_npo": local_agency("NPO法人 多文化ともに", "多文化ともに", "外国人"),
}

CASE = case(
    code=CODE,
    label="E氏世帯",
    summary=(
        "ベトナム国籍の夫婦と子ども2人の4人世帯である。夫（40歳）は2026年8月に勤務先の工場で雇止めとなり、"
        "在留資格（特定技能2号）を維持するため同じ分野での転職先を探している。本人（妻、36歳）は日本語が日常会話の"
        "一部のみで、パート収入（月額約8万円）が世帯の主な収入である。家賃（月額6万2千円）を8月分から3か月滞納している。"
        "長男（小学6年）は2学期から登校していない。10月16日、外国人支援NPOの同行で本人が自立相談支援機関に来所し、"
        "通訳を介して、ベトナム語訳を付けた書面で情報共有に同意した。"
    ),
    tags=["外国人世帯", "生活困窮", "債務"],
    referral_route="関係機関（外国人支援NPO）",
    status="support",
    consent=consent(
        "written",
        "2026-10-16",
        "本会議の構成機関の間で、世帯の収入・住まい・子どもの就学・在留に関する情報を共有すること"
        "（ベトナム語訳を付けた同意書による）",
        "自立相談支援機関 高橋（通訳同席）",
        agencies=(
            "city_welfare",
            "hellowork",
            "jiritsu_soudan",
            "kokusai",
            "school",
            "seiho",
            "tabunka_npo",
            "takikan",
        ),
    ),
    lead_agency="jiritsu_soudan",
    key_person="夫",
    household=[
        person(
            "グエン ヴァン フン",
            "ぐえん ゔぁん ふん",
            "夫",
            "male",
            "1986-03-22",
            key=True,
            note="ベトナム国籍。在留資格「特定技能2号」。2026年8月に雇止め、求職中",
        ),
        person(
            "グエン ティ ラン",
            "ぐえん てぃ らん",
            "本人",
            "female",
            "1990-08-14",
            index=True,
            note="ベトナム国籍。在留資格「家族滞在」。弁当工場でパート（週20時間）",
        ),
        person(
            "グエン ヴァン ミン",
            "ぐえん ゔぁん みん",
            "長男",
            "male",
            "2014-05-09",
            note="小学6年生。2学期から登校していない",
        ),
        person("グエン ティ アン", "ぐえん てぃ あん", "長女", "female", "2021-01-30", note="5歳。未就園"),
    ],
)


def documents() -> list[dict]:
    return [
        document(
            local_agencies=AGENCIES,
            case=CASE,
            uid="9137f40d675f45e1af7a85701e41f4de",
            agenda="juso_shien_kaigi",
            round=1,
            date="2026-11-05",
            start="13:30",
            end="15:00",
            place=PLACE,
            mode="hybrid",
            chair="多機関協働事業 相談支援包括化推進員 中村 直樹",
            recorder="地域福祉課 田中 美咲",
            purpose=(
                "家賃の滞納、夫の離職、長男の不登校が重なっており、単独の機関では対応が難しい。本人の同意を得たため、"
                "重層的支援会議として支援プラン案の適切性を協議し、住まいの確保を中心に役割分担を決定する。"
            ),
            confirmed_at="13:34",
            step_notes={
                "attendance": "NPOはオンラインで参加した。",
                "confidentiality": "ベトナム語訳付き同意書の写しで同意の範囲を確認した。",
                "roles": "世帯への説明には必ず通訳を同席させることを全機関で確認した。",
            },
            attendees=[
                attendee("takikan", "重層的支援推進室", "相談支援包括化推進員", "中村 直樹"),
                attendee("city_welfare", "地域福祉課 重層的支援推進係", "社会福祉士", "田中 美咲"),
                attendee("jiritsu_soudan", "生活自立相談センター", "主任相談支援員", "高橋 翔太"),
                attendee("seiho", "生活福祉課", "ケースワーカー", "原田 剛"),
                attendee("school", "市立南小学校", "教頭", "坂本 浩"),
                attendee("kokusai", "市国際交流協会", "ベトナム語相談員", "ファム ティ ホア"),
                attendee("hellowork", "外国人雇用サービスコーナー", "就職支援ナビゲーター", "森田 誠"),
                attendee("tabunka_npo", "", "コーディネーター", "小川 理恵", attendance="online"),
            ],
            shared_info=[
                info(
                    "jiritsu_soudan",
                    "10月16日に本人が来所した（NPO同行、通訳同席）。家賃を8月分から3か月分（計18万6千円）滞納しており、"
                    "管理会社から督促状が届いている。住居確保給付金の要件を満たす見込みで、申請書類を準備している。",
                ),
                info(
                    "tabunka_npo",
                    "2024年から本人の日本語教室への参加を通じて世帯と関わっている。夫は日常会話程度の日本語ができるが、"
                    "書類は読めない。督促状等の書類は本人がNPOに持参して内容を確認している。長女は未就園である。",
                ),
                info(
                    "school",
                    "長男は9月以降登校していない。1学期は欠席が少なく、算数が得意である。9月に担任が2回家庭訪問したが、"
                    "母との意思疎通が難しかった。長男は「授業の日本語が分からない」と話した。",
                ),
                info(
                    "kokusai",
                    "ベトナム語の通訳派遣（月4回まで無料）と、学校・行政の書類の翻訳支援ができる。県の多文化共生センターの"
                    "多文化ソーシャルワーカーにも相談をつなげられる。",
                ),
                info(
                    "seiho",
                    "10月に夫が生活保護の相談に来所した。世帯の在留資格（特定技能2号・家族滞在）は生活保護の準用の対象と"
                    "ならないことを、通訳を介して説明した。",
                ),
                info(
                    "hellowork",
                    "夫は9月に求職登録した。特定技能2号の在留資格を維持するには同じ分野（製造業）での転職が必要であり、"
                    "通訳付きの職業相談を週1回行っている。",
                ),
            ],
            ties=[
                tie("tabunka_npo", "strong", "both", "日本語教室 週1回・書類の確認"),
                tie("kokusai", "normal", "to_household", "通訳派遣"),
                tie("jiritsu_soudan", "normal", "to_household", "家計相談・住居確保給付金の申請支援"),
                tie("school", "weak", "to_household", "9月以降不登校・家庭訪問2回", member="長男"),
                tie("seiho", "weak", "none", "相談1回（制度の対象外）", member="夫"),
                tie("hellowork", "normal", "to_household", "職業相談 週1回", member="夫"),
                tie("ooya", "weak", "none", "管理会社から家賃の督促", stressful=True),
                tie("本人の勤務先（弁当工場）", "normal", "from_household", "パート 週20時間", member="本人"),
                tie("同国出身の友人", "normal", "both", "週末の交流"),
                tie("親族（ベトナム）", "weak", "both", "月1回ビデオ通話"),
            ],
            assessment=[
                issue("家賃を3か月滞納しており、住まいを失うおそれがある。", 1, "high", "jiritsu_soudan"),
                issue(
                    "長男が9月から登校しておらず、授業の日本語が分からないと話している。", 2, "high", "school"
                ),
                issue(
                    "夫の離職により収入の見通しが立たず、在留資格の維持にも不安がある。",
                    3,
                    "high",
                    "hellowork",
                ),
                issue("本人・夫が日本語の書類を読めず、必要な手続が遅れている。", 4, "medium", "kokusai"),
                issue(
                    "長女（5歳）が未就園で、就学前に日本語に触れる機会が少ない。", 5, "low", "kodomo_katei"
                ),
                risk("賃貸借契約の解除・明渡しの手続に進むおそれがある。", 1, "high", "jiritsu_soudan"),
                risk(
                    "長男の不登校が長引き、中学校進学時に学習の遅れが大きくなるおそれがある。",
                    2,
                    "medium",
                    "school",
                ),
                strength("本人がNPOの日本語教室に2年間通っており、支援者との信頼関係がある。"),
                strength("夫は就労意欲が高く、ハローワークに毎週通っている。"),
                strength("長男は算数が得意で、1学期は登校できていた。"),
            ],
            policy=(
                "住まいの確保を最優先とし、住居確保給付金の申請と管理会社との支払い計画の協議を進める。"
                "手続や説明には必ず通訳を確保し、書類にはベトナム語訳を添える。長男については学校が日本語指導の"
                "体制を整え、登校の再開を段階的に支援する。主担当機関は自立相談支援機関とし、NPOは世帯との日常の"
                "窓口を担う。"
            ),
            long_goals=[
                "世帯が住まいと収入を確保し、在留資格を維持しながら安定して暮らす",
                "長男が日本語の支援を受けながら学校生活を続け、中学校に進学する",
            ],
            short_goals=[
                "住居確保給付金の支給を受け、滞納家賃の分割支払いを管理会社と合意する",
                "夫が製造分野で転職先を決める",
                "長男が日本語指導（取り出し授業）を受けて週1日以上登校する",
                "長女の保育所等の入所を申し込む",
            ],
            roles=[
                role(
                    "住居確保給付金の申請と管理会社との支払い計画の協議（通訳同行）",
                    "jiritsu_soudan",
                    "高橋",
                    "2026-11-20",
                ),
                role("面談・家庭訪問への通訳の派遣と書類の翻訳", "kokusai", "ファム", "2026-11-30"),
                role(
                    "日本語指導の体制づくりと登校再開の計画（家庭訪問に通訳同行）",
                    "school",
                    "坂本",
                    "2026-11-27",
                ),
                role("通訳付き職業相談の継続と製造分野の求人の紹介", "hellowork", "森田", "2026-12-11"),
                role("本人との日常の連絡と届いた書類の確認", "tabunka_npo", "小川", "2026-12-11"),
                role(
                    "長女の保育所等入所申込みの案内（保育課へのつなぎ）", "city_welfare", "田中", "2026-11-30"
                ),
            ],
            monitoring=[
                check("2026-11-20", "住居確保給付金の申請と管理会社との協議の結果を確認する（自立相談）"),
                check("2026-11-30", "長男の登校の状況を確認する（学校）"),
                check("2026-12-11", "夫の求職の状況を確認する（ハローワーク）"),
            ],
            resource_gaps=(
                "ベトナム語の通訳が市内に少なく、急ぎの手続に間に合わないことがある。在留資格により生活保護の対象と"
                "ならない世帯の一時的な生活費を支える仕組みがない。日本語指導を担当する教員が市内の小学校に2人しかいない。"
            ),
            decisions=(
                "1. 主担当機関を自立相談支援機関とし、NPOは世帯との日常の窓口を担う。\n"
                "2. 世帯への説明・手続には必ず通訳を同席させる。\n"
                "3. 住居確保給付金を申請し、管理会社との協議に自立相談支援機関が同席する。\n"
                "4. 長男の登校再開は長男の意向を聞きながら段階的に進める。"
            ),
            remaining_issues=(
                "夫の離職期間中の在留資格の取扱いについて、出入国在留管理局への確認が必要である。"
                "食料が不足した場合の支援（フードバンク）の利用の要否を確認する。"
            ),
            next=next_meeting("2026-12-17", "13:30", PLACE, "NPOはオンラインで参加する"),
        )
    ]
