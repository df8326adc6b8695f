"""A氏世帯: 8050 with ひきこもり. Two finished meetings (支援会議 without consent, then 重層的支援会議
after written consent) and a planned evaluation round. Fictional."""

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

CODE = "DEMO-2026-001"
PLACE = "市役所 3階 第3会議室"

AGENCIES = {
    "nakayoshi_houkatsu": local_agency("なかよし地域包括支援センター", "なかよし包括", "高齢"),
    "aoba_kyotaku": local_agency("居宅介護支援事業所あおば", "あおばCM", "高齢"),
}

HOUSEHOLD = [
    person(
        "山田 正男",
        "やまだ まさお",
        "父",
        "male",
        "1940-11-03",
        deceased=True,
        cohabiting=False,
        note="2016年死去（脳梗塞）",
    ),
    person(
        "山田 トメ",
        "やまだ とめ",
        "母",
        "female",
        "1944-03-12",
        note="要介護2（2025年認定）。変形性膝関節症、高血圧",
    ),
    person(
        "山田 健一",
        "やまだ けんいち",
        "本人",
        "male",
        "1973-06-20",
        index=True,
        note="30代前半で退職後、約20年自宅で生活。通院歴なし",
    ),
    person(
        "佐藤 由美",
        "さとう ゆみ",
        "妹",
        "female",
        "1976-09-08",
        cohabiting=False,
        key=True,
        note="県外在住、既婚。母と月1回電話",
    ),
]

CASE = case(
    code=CODE,
    label="A氏世帯",
    summary=(
        "82歳の母（要介護2）と53歳の長男（本人）の二人暮らしである。本人は大学卒業後に就職した会社を"
        "30代前半で退職し、以後約20年間、夜間に近所のコンビニエンスストアへ出かける以外はほとんど外出していない。"
        "父は2016年に死去した。世帯の収入は母の老齢年金（月額約12万円）のみで、本人は無収入である。"
        "2026年8月、母を担当するケアマネジャーから「母の介護負担が増しており、本人の今後も心配」と"
        "地域包括支援センターに相談があり、9月に支援会議（本人同意なし）を開催した。"
        "その後、保健センター保健師の訪問で本人と玄関先で話せるようになり、10月20日に母及び本人から"
        "関係機関での情報共有について書面で同意を得た。"
    ),
    tags=["8050", "ひきこもり", "生活困窮"],
    referral_route="関係機関（居宅介護支援事業所）",
    status="support",
    consent=consent(
        "written",
        "2026-10-20",
        "本会議の構成機関の間で、世帯の生活状況・健康状態・家計の状況を共有すること",
        "保健センター 伊藤（保健師）",
        agencies=(
            "aoba_kyotaku",
            "city_welfare",
            "hikikomori_center",
            "hoken_center",
            "jiritsu_soudan",
            "nakayoshi_houkatsu",
            "shakyo",
            "takikan",
        ),
    ),
    lead_agency="jiritsu_soudan",
    key_person="妹",
    household=HOUSEHOLD,
)


def documents() -> list[dict]:
    return [_first_meeting(), _second_meeting(), _evaluation_planned()]


def _first_meeting() -> dict:
    return document(
        local_agencies=AGENCIES,
        case=CASE,
        uid="96b3406ac2004fc18c427c9bfeac3130",
        agenda="shien_kaigi",
        round=1,
        date="2026-09-17",
        start="14:00",
        end="15:20",
        place=PLACE,
        chair="地域福祉課長 佐藤 誠",
        recorder="地域福祉課 田中 美咲",
        purpose=(
            "母の担当ケアマネジャーから、母の介護負担の増大と長男（本人）の長期のひきこもり状態について"
            "相談があった。本人の同意が得られていないため、社会福祉法第106条の6に基づく支援会議として、"
            "各機関が把握している情報を共有し、本人への接触の方法と見守りの体制を検討する。"
        ),
        confirmed_at="14:04",
        step_notes={
            "confidentiality": "同条第5項の守秘義務を読み上げ、出席者全員が確認した。資料は終了時に回収した。",
            "case_summary": "ケアマネジャーの相談記録とジェノグラムを配布した。",
            "roles": "本人への働きかけは保健師に一本化し、複数機関が同時に訪問しないことを確認した。",
        },
        attendees=[
            attendee("city_welfare", "地域福祉課", "課長", "佐藤 誠"),
            attendee("city_welfare", "地域福祉課 重層的支援推進係", "社会福祉士", "田中 美咲"),
            attendee("nakayoshi_houkatsu", "", "社会福祉士", "山崎 明美"),
            attendee("aoba_kyotaku", "", "主任介護支援専門員", "小林 浩二"),
            attendee("jiritsu_soudan", "生活自立相談センター", "相談支援員", "高橋 翔太"),
            attendee("hoken_center", "健康づくり課", "保健師", "伊藤 恵"),
            attendee("minsei_iin", "第5地区", "民生委員", "鈴木 和子"),
            attendee("hikikomori_center", "", "精神保健福祉士", "渡辺 隆", attendance="online"),
        ],
        shared_info=[
            info(
                "aoba_kyotaku",
                "母は要介護2で、通所介護を週2回利用している。自宅内は伝い歩きである。8月の訪問時、母から"
                "「息子の食事を作るのがつらくなってきた」「私が死んだら息子はどうなるのか」との発言があった。"
                "本人は訪問時に自室から出てこない。",
            ),
            info(
                "nakayoshi_houkatsu",
                "8月にケアマネジャーから相談を受け、母と面談した。本人は30代前半で退職後約20年自宅にいること、"
                "通院歴がないことを母から聞き取った。本人とは未接触である。",
            ),
            info(
                "minsei_iin",
                "月2回母を訪問している。夜間に本人がコンビニエンスストアへ出かける姿を年に数回見かける。"
                "近隣から夜間の物音について苦情を聞いたことがある。",
            ),
            info(
                "hoken_center",
                "8月と9月に計2回訪問したが、本人は自室から出てこなかった。母によると、本人から体調不良の訴えはない。"
                "本人の健康診査の受診歴はない。",
            ),
            info(
                "jiritsu_soudan",
                "7月に母から家計について電話相談が1回あった。収入は母の老齢年金（月額約12万円）のみで、"
                "預貯金は約150万円と聞き取っている。",
            ),
            info(
                "hikikomori_center",
                "母又は妹を対象とした家族相談と家族教室（年2回）の利用が可能である。本人への訪問は、"
                "手紙で予告したうえで同じ職員が定期的に行うよう助言した。",
            ),
            info(
                "city_welfare",
                "住民基本台帳上の世帯は母と本人の2人である。本人の国民健康保険料は母が納付している。",
            ),
        ],
        ties=[
            tie("nakayoshi_houkatsu", "strong", "to_household", "月1回訪問", member="母"),
            tie("aoba_kyotaku", "strong", "to_household", "月1回モニタリング", member="母"),
            tie("kaigo_service", "normal", "to_household", "通所介護 週2回", member="母"),
            tie("minsei_iin", "normal", "to_household", "月2回見守り訪問"),
            tie("hoken_center", "weak", "to_household", "訪問2回・本人未接触"),
            tie("jiritsu_soudan", "weak", "to_household", "家計相談1回", member="母"),
            tie("hospital", "normal", "to_household", "内科 月1回通院", member="母"),
            tie("shakyo", "normal", "to_household", "配食サービス 週3回"),
            tie("妹（県外）", "normal", "both", "月1回電話", member="母"),
            tie("近隣住民", "weak", "none", "夜間の物音への苦情", stressful=True),
        ],
        assessment=[
            issue(
                "母の身体機能の低下により、母が担ってきた本人の食事等の家事の継続が難しくなっている。",
                1,
                "high",
                "aoba_kyotaku",
            ),
            issue(
                "本人は約20年社会との接点がなく、支援機関とも接触できていない。", 2, "medium", "hoken_center"
            ),
            issue(
                "母の入院・死去の際に、本人の収入と生活の手続の見通しがない。", 3, "medium", "jiritsu_soudan"
            ),
            risk(
                "母の転倒・急病時に、本人が救急要請や連絡をできるか分からない。",
                1,
                "high",
                "nakayoshi_houkatsu",
            ),
            risk("夜間の物音をめぐり近隣との関係が悪化するおそれがある。", 4, "low", "minsei_iin"),
            strength("母が本人の今後を心配し、相談を続ける意思がある。"),
            strength("本人は夜間に一人で買物に出かけることができている。"),
            strength("県外の妹が母と月1回連絡を取っており、協力の意向がある。"),
        ],
        policy=(
            "本人の同意が得られていない段階であるため、母への介護支援を入口として世帯との関係づくりを優先する。"
            "本人への直接の働きかけは保健センター保健師が担い、ひきこもり地域支援センターの助言を受けて段階的に行う。"
            "母の急変時の連絡体制を整え、母及び本人から情報共有の同意を得ることを目指す。"
        ),
        long_goals=["本人が支援者と継続的に関わり、母の亡き後も地域で生活を続ける見通しを持てる"],
        short_goals=[
            "母の急変時の連絡先と対応の手順を関係機関で共有する",
            "保健師が本人と一度は顔を合わせて話をする",
            "母及び本人から情報共有の同意を得る",
        ],
        roles=[
            role("本人への手紙の投函と訪問（月2回）", "hoken_center", "伊藤", "2026-10-15", "done"),
            role("訪問方法の事前打合せと助言", "hikikomori_center", "渡辺", "2026-09-30", "done"),
            role("母の急変時連絡票の作成と緊急連絡先の確認", "aoba_kyotaku", "小林", "2026-09-30", "done"),
            role("妹への連絡と家族相談の案内", "nakayoshi_houkatsu", "山崎", "2026-09-30", "done"),
            role("母の同意の範囲での家計状況の確認", "jiritsu_soudan", "高橋", "2026-10-15", "done"),
            role("母への見守り訪問の継続と夜間の状況の報告", "minsei_iin", "鈴木", "2026-10-31", "revise"),
        ],
        monitoring=[
            check("2026-10-15", "保健師の訪問に対する本人の反応を確認する（保健センター）", "done"),
            check("2026-10-31", "母の体調と介護サービスの利用状況を確認する（ケアマネジャー）", "done"),
        ],
        resource_gaps=(
            "中高年のひきこもり状態にある人が日中に安心して通える居場所が市内にない。"
            "きょうだいを含む家族向けの相談の場が少ない。"
        ),
        decisions=(
            "1. 保健センター保健師を本人への窓口とし、手紙と訪問で段階的に接触する。\n"
            "2. 母の急変時は、ケアマネジャーが地域包括支援センター及び妹に連絡する手順とする。\n"
            "3. 母及び本人から同意が得られた段階で、重層的支援会議に移行する。"
        ),
        remaining_issues="本人の健康状態を把握できていない。母の預貯金が尽きた後の生活費の見通しが立っていない。",
        next=next_meeting("2026-11-12", "14:00", PLACE, "同意が得られていれば重層的支援会議として開催する"),
    )


def _second_meeting() -> dict:
    return document(
        local_agencies=AGENCIES,
        case=CASE,
        uid="b00b72edc8044b1e834bebcea390de2d",
        agenda="juso_shien_kaigi",
        round=2,
        date="2026-11-12",
        start="14:00",
        end="15:30",
        place=PLACE,
        chair="多機関協働事業 相談支援包括化推進員 中村 直樹",
        recorder="地域福祉課 田中 美咲",
        purpose=(
            "10月20日に母及び本人から情報共有について書面で同意を得たため、重層的支援会議として支援プラン案の"
            "適切性を協議し、役割分担を決定する。あわせて第1回支援会議で決めた役割の実施状況を確認する。"
        ),
        confirmed_at="14:03",
        step_notes={
            "confidentiality": "同意書の写しで同意の範囲を確認した。民生委員は書面で報告した。",
            "info_sharing": "第1回の役割はすべて実施済み。民生委員の訪問は本人の申出により縮小した。",
            "wrap_up": "多機関協働事業者は本会議をもって関与を終え、主担当機関に引き継ぐことを確認した。",
        },
        attendees=[
            attendee("takikan", "重層的支援推進室", "相談支援包括化推進員", "中村 直樹"),
            attendee("city_welfare", "地域福祉課 重層的支援推進係", "社会福祉士", "田中 美咲"),
            attendee("nakayoshi_houkatsu", "", "社会福祉士", "山崎 明美"),
            attendee("aoba_kyotaku", "", "主任介護支援専門員", "小林 浩二"),
            attendee("jiritsu_soudan", "生活自立相談センター", "主任相談支援員", "高橋 翔太"),
            attendee("hoken_center", "健康づくり課", "保健師", "伊藤 恵"),
            attendee("hikikomori_center", "", "精神保健福祉士", "渡辺 隆"),
            attendee("shakyo", "地域福祉係", "コミュニティソーシャルワーカー", "加藤 由紀"),
        ],
        shared_info=[
            info(
                "hoken_center",
                "9月から10月に計4回訪問した。10月2日に本人が玄関先に出て約10分話した。本人は「働いていないことを"
                "責められると思って出られなかった」と話した。生活は昼夜逆転気味である。",
            ),
            info(
                "hikikomori_center",
                "10月以降、保健師と同行して2回訪問した。本人はパソコンでの作業に関心があると話した。"
                "本人の希望により、月2回の訪問を続ける。",
            ),
            info(
                "nakayoshi_houkatsu",
                "母の了解を得て妹に連絡した。妹は年末に帰省し、母及び本人と今後について話し合う意向である。"
                "母は同意書への署名後、「少し肩の荷が下りた」と話した。",
            ),
            info(
                "aoba_kyotaku",
                "母の膝の痛みが強くなり、10月から訪問介護（週1回、買物）を追加した。急変時連絡票を作成し、"
                "自宅の電話の横に掲示した。",
            ),
            info(
                "jiritsu_soudan",
                "母の同意を得て家計を確認した。収入は月額約12万円、支出は月額約14万円で、預貯金を取り崩している。"
                "本人の国民年金保険料は未納が続いている。",
            ),
            info(
                "minsei_iin",
                "（書面報告）母を通じて本人から「家に来るのは母の様子を見るだけにしてほしい」との申出があり、"
                "10月以降は月1回の声かけとしている。",
            ),
            info(
                "shakyo",
                "社協が週1回（木曜午後）開いている「ほっとサロン」で、パソコン講座の手伝いをするボランティアを"
                "募集している。本人の参加の場として活用できる。",
            ),
        ],
        ties=[
            tie("nakayoshi_houkatsu", "strong", "to_household", "月1回訪問", member="母"),
            tie("aoba_kyotaku", "strong", "to_household", "月1回モニタリング", member="母"),
            tie("kaigo_service", "normal", "to_household", "通所介護 週2回・訪問介護 週1回", member="母"),
            tie("minsei_iin", "weak", "to_household", "月1回の声かけ（本人の申出で縮小）"),
            tie("hoken_center", "normal", "both", "月2回訪問・玄関先で面談", member="本人"),
            tie("hikikomori_center", "normal", "both", "月2回アウトリーチ", member="本人"),
            tie("jiritsu_soudan", "normal", "to_household", "家計相談 月1回"),
            tie("hospital", "normal", "to_household", "内科 月1回通院", member="母"),
            tie("shakyo", "normal", "to_household", "配食サービス 週3回"),
            tie("妹（県外）", "normal", "both", "月1回電話・年末帰省予定", member="母"),
            tie("近隣住民", "weak", "none", "夜間の物音への苦情", stressful=True),
        ],
        assessment=[
            issue(
                "母の身体機能の低下が進み、本人の食事を含む家事を母が担い続けることが難しい。",
                1,
                "high",
                "aoba_kyotaku",
            ),
            issue(
                "本人に収入がなく、世帯の支出が収入を月約2万円上回っている。本人の国民年金保険料が未納である。",
                2,
                "medium",
                "jiritsu_soudan",
            ),
            issue("本人が家族と支援者以外の人と関わる場がない。", 3, "medium", "hikikomori_center"),
            risk(
                "母の急変時に本人が119番通報と妹への連絡をできるか確認できていない。",
                1,
                "high",
                "nakayoshi_houkatsu",
            ),
            strength("本人が保健師及びひきこもり地域支援センター職員と会話できるようになった。"),
            strength("本人がパソコンでの作業に関心を示している。"),
            strength("妹が年末の帰省時に家族で話し合う意向を示している。"),
        ],
        policy=(
            "母の在宅生活を介護保険サービスで支えつつ、保健センター及びひきこもり地域支援センターの訪問で本人との"
            "関係づくりを続ける。本人の関心（パソコン作業）を手掛かりに社協のサロンなどの参加の場につなぐ。"
            "主担当機関は自立相談支援機関とし、家計の見直しと本人の国民年金保険料の免除手続を進める。"
            "多機関協働事業者は本会議での役割分担の合意をもって関与を終え、以後の伴走は主担当機関が担う。"
        ),
        long_goals=[
            "本人が母の亡き後も地域で生活を続けられるよう、収入・住まい・相談先の見通しを持つ",
            "母が介護サービスを利用しながら自宅での生活を続ける",
        ],
        short_goals=[
            "本人が月2回の訪問を続けて受け入れる",
            "本人が社協のサロンを一度見学する",
            "本人の国民年金保険料の免除申請を行う",
            "母の急変時に本人が119番通報と妹への連絡をできるよう手順を確認する",
        ],
        roles=[
            role("本人への訪問の継続（月2回）と急変時の手順の確認", "hoken_center", "伊藤", "2026-12-15"),
            role(
                "アウトリーチ訪問（月2回）とパソコン作業への関心の聞き取り",
                "hikikomori_center",
                "渡辺",
                "2026-12-15",
            ),
            role("家計の見直しと国民年金保険料免除申請の同行", "jiritsu_soudan", "高橋", "2026-12-25"),
            role("サロン見学の日程調整とボランティア担当者との顔合わせ", "shakyo", "加藤", "2027-01-15"),
            role("母の介護サービスの調整と妹との連絡", "aoba_kyotaku", "小林", "2026-12-25"),
            role("妹の帰省時の家族面談の設定", "nakayoshi_houkatsu", "山崎", "2027-01-08"),
        ],
        monitoring=[
            check(
                "2026-12-15",
                "訪問の継続状況と本人の様子を確認する（保健センター・ひきこもり地域支援センター）",
            ),
            check("2026-12-25", "国民年金保険料免除申請の手続状況を確認する（自立相談）"),
            check("2027-01-15", "サロン見学の実施状況を確認する（社協）"),
        ],
        resource_gaps=(
            "中高年のひきこもり状態にある人が昼間に通える場が、社協のサロン以外にない。"
            "親亡き後の生活を家族と一緒に考える家族教室が市内で年2回しか開かれていない。"
        ),
        decisions=(
            "1. 支援プラン案を承認し、主担当機関を自立相談支援機関とする。\n"
            "2. 民生委員の訪問は本人の意向により月1回の声かけとし、母の見守りは地域包括支援センターと"
            "ケアマネジャーが担う。\n"
            "3. 次回は評価会議として開催し、短期目標の達成状況を評価する。"
        ),
        remaining_issues=(
            "本人の健康状態（受診の必要性）は確認できていない。母の預貯金は現在の支出では約6年で尽きる見込みであり、"
            "長期の生活設計が必要である。"
        ),
        next=next_meeting("2027-01-21", "14:00", PLACE, "評価会議（第3回）"),
    )


def _evaluation_planned() -> dict:
    return document(
        local_agencies=AGENCIES,
        case=CASE,
        uid="83bfe772a99b49d297344871ac0701cf",
        agenda="hyoka_kaigi",
        round=3,
        date="2027-01-21",
        start="14:00",
        end="15:00",
        place=PLACE,
        chair="多機関協働事業 相談支援包括化推進員 中村 直樹",
        recorder="地域福祉課 田中 美咲",
        purpose=(
            "第2回重層的支援会議で承認した支援プランについて、短期目標の達成状況と各機関の支援の実施状況を評価し、"
            "継続又は見直しを判断する。"
        ),
        status="planned",
        attendees=[
            attendee("takikan", "重層的支援推進室", "相談支援包括化推進員", "中村 直樹", acknowledged=False),
            attendee(
                "city_welfare", "地域福祉課 重層的支援推進係", "社会福祉士", "田中 美咲", acknowledged=False
            ),
            attendee(
                "jiritsu_soudan", "生活自立相談センター", "主任相談支援員", "高橋 翔太", acknowledged=False
            ),
            attendee("hoken_center", "健康づくり課", "保健師", "伊藤 恵", acknowledged=False),
            attendee("hikikomori_center", "", "精神保健福祉士", "渡辺 隆", acknowledged=False),
            attendee(
                "shakyo", "地域福祉係", "コミュニティソーシャルワーカー", "加藤 由紀", acknowledged=False
            ),
            attendee("aoba_kyotaku", "", "主任介護支援専門員", "小林 浩二", acknowledged=False),
        ],
    )
