/**
 * Characters that read as another one, folded before matching (docs/decisions/018-screening.md).
 * A small, deliberate table, not a full converter: the traditional forms of common characters,
 * especially those that words on a screening list are made of, and the look-alikes people use
 * to slip a word past a filter. Each entry is "variant" + "canonical", one character each.
 */

/** Traditional → simplified, for common characters. */
const TRADITIONAL = `們们 個个 這这 說说 會会 來来 為为 對对 時时 國国 學学 發发 經经 現现 動动 長长 東东 車车
門门 開开 關关 問问 間间 聞闻 見见 觀观 親亲 視视 覺觉 語语 話话 請请 讓让 認认 識识 議议 記记 講讲 論论
設设 計计 訊讯 證证 評评 詞词 試试 誰谁 調调 談谈 謝谢 讀读 變变 買买 賣卖 貨货 費费 資资 賽赛 錢钱 銀银
錯错 鐵铁 鐘钟 電电 報报 飛飞 馬马 鳥鸟 魚鱼 麼么 黨党 齊齐 龍龙 龜龟 萬万 與与 專专 業业 樂乐 從从 眾众
優优 傳传 傷伤 價价 億亿 僅仅 劃划 劉刘 勞劳 區区 協协 單单 衛卫 廠厂 縣县 參参 雙双 號号 嗎吗 團团 圍围
園园 圖图 場场 壞坏 聲声 處处 備备 夠够 頭头 奪夺 奮奋 婦妇 孫孙 寶宝 實实 審审 寫写 將将 層层 歲岁 島岛
幣币 帶带 幫帮 幾几 廣广 慶庆 應应 彈弹 當当 錄录 徵征 後后 復复 憶忆 態态 戰战 戲戏 據据 擊击 擔担 擁拥
擇择 換换 揮挥 損损 搶抢 攝摄 敵敌 數数 斷断 無无 舊旧 書书 機机 權权 條条 楊杨 極极 構构 標标 樣样 橋桥
歡欢 歸归 殺杀 氣气 漢汉 湯汤 溝沟 滅灭 漲涨 濟济 災灾 煙烟 熱热 燈灯 爭争 爺爷 牆墙 獨独 獎奖 環环 產产
畫画 異异 療疗 盡尽 監监 盤盘 礦矿 確确 禮礼 禍祸 種种 積积 穩稳 窮穷 競竞 筆笔 節节 範范 築筑 簡简 級级
紀纪 約约 紅红 純纯 紙纸 納纳 線线 組组 細细 終终 結结 給给 絕绝 統统 維维 綠绿 網网 緊紧 練练 總总 編编
緣缘 縮缩 織织 繼继 續续 罰罚 羅罗 習习 聖圣 聯联 職职 聽听 肅肃 脅胁 腦脑 膽胆 臉脸 臨临 興兴 艦舰 藝艺
藥药 蘇苏 蘭兰 蟲虫 術术 衝冲 補补 製制 複复 規规 觸触 訂订 託托 訪访 許许 詐诈 詳详 誠诚 誤误 課课 諾诺
謀谋 謊谎 譯译 護护 讚赞 豐丰 負负 貢贡 財财 責责 貧贫 購购 貼贴 貴贵 貸贷 賀贺 賄贿 賠赔 賭赌 賴赖 贈赠
贏赢 趕赶 蹤踪 軍军 軟软 較较 載载 輕轻 輪轮 輸输 轉转 辦办 農农 邊边 運运 過过 達达 遠远 遲迟 選选 遺遗
還还 郵邮 鄉乡 醫医 針针 鋼钢 鎮镇 鏡镜 閉闭 閱阅 隊队 陽阳 陰阴 際际 陸陆 險险 隨随 隱隐 雖虽 雜杂 難难
靜静 響响 頁页 順顺 須须 預预 領领 題题 顏颜 願愿 類类 顧顾 風风 飯饭 飲饮 館馆 驗验 驚惊 體体 髮发 鬥斗
鬧闹 鬱郁 鳳凤 麗丽 黃黄 點点 齒齿 槍枪 騙骗 腳脚 澤泽 鄧邓 溫温 華华 獄狱 亂乱 襲袭 屍尸 濤涛 幹干 遊游
導导 銷销 裝装 務务 員员 廳厅 樓楼 錶表 壓压 雞鸡 鴨鸭 豬猪 貓猫 媽妈 噁恶 惡恶 罵骂 髒脏 瘋疯 廢废 滾滚
殘残 騷骚 賤贱 蕩荡 彎弯 斃毙 婭娅 墮堕 嬰婴 鴉鸦 膠胶 礙碍 辭辞 顛颠 綁绑 鎖锁 勢势 黴霉 紛纷 擾扰`;

/** Look-alikes from other scripts and forms (after NFKC, which already folds full-width forms). */
const LOOKALIKES = `а a е e о o р p с c у y х x і i ѕ s ј j ԁ d ɡ g α a ο o ν v ι i κ k ρ p τ t 〇 零 囗 口`;

function table(source: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of source.split(/\s+/).filter(Boolean)) {
    const [from, to] = Array.from(entry);
    if (from && to) map.set(from, to);
  }
  return map;
}

function pairs(source: string): Map<string, string> {
  const tokens = source.split(/\s+/).filter(Boolean);
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < tokens.length; i += 2) map.set(tokens[i], tokens[i + 1]);
  return map;
}

export const traditionalToSimplified: ReadonlyMap<string, string> = table(TRADITIONAL);
export const lookalikes: ReadonlyMap<string, string> = pairs(LOOKALIKES);
