/*
 * gen.c - synthetic petition case generator for benchmarks and tests.
 *
 * Usage: gen [-s SEED] [-f csv|jsonl] N
 *
 * Writes N case records to stdout as CSV (with a header row) or JSON Lines.
 * Output is a pure function of (SEED, N, format): a splitmix64 stream drives
 * every choice, so two runs with the same arguments are byte-identical.
 * Memory use is constant: petitioners and accused companies come from pools
 * (~N/3 and ~N/20 entries) whose members are recomputed from their index
 * with a private PRNG stream instead of being stored, so a repeated phone
 * number always carries the same name, ID number and address, and a repeated
 * company always sits at the same place.
 *
 * Build: cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L gen.c -lcjson -lcsv
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <csv.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ PRNG */

typedef struct {
	uint64_t s;
} rng_t;

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static uint64_t rnext(rng_t *r) { return splitmix64(&r->s); }

/* Uniform integer in [0, n), n < 2^32 (multiply-shift, negligible bias). */
static uint32_t rbelow(rng_t *r, uint32_t n)
{
	return (uint32_t)(((rnext(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform integer in [lo, hi]. */
static int rrange(rng_t *r, int lo, int hi)
{
	return lo + (int)rbelow(r, (uint32_t)(hi - lo + 1));
}

/* True with probability pm/1000. */
static int rpermille(rng_t *r, unsigned pm) { return rbelow(r, 1000) < pm; }

/* Independent stream for pool member `idx` of kind `kind`. */
static rng_t substream(uint64_t seed, uint64_t kind, uint64_t idx)
{
	uint64_t s = seed ^ (kind * 0xD1B54A32D192ED03ULL);
	uint64_t a = splitmix64(&s);
	s = a ^ (idx * 0x9E3779B97F4A7C15ULL);
	rng_t r = { splitmix64(&s) };
	return r;
}

/* Pick from a table with integer weights. */
static size_t rweighted(rng_t *r, const unsigned *w, size_t n)
{
	unsigned total = 0;
	for (size_t i = 0; i < n; i++)
		total += w[i];
	unsigned x = rbelow(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

#define PICK(r, arr) ((arr)[rbelow((r), (uint32_t)NELEM(arr))])

/* --------------------------------------------------------------- strings */

typedef struct {
	char b[2048];
	size_t n;
} sbuf;

static void sb_reset(sbuf *s)
{
	s->n = 0;
	s->b[0] = '\0';
}

static void sb_add(sbuf *s, const char *t)
{
	size_t l = strlen(t);
	if (s->n + l >= sizeof s->b)
		l = sizeof s->b - 1 - s->n; /* cannot happen with our tables */
	memcpy(s->b + s->n, t, l);
	s->n += l;
	s->b[s->n] = '\0';
}

static void sb_int(sbuf *s, int v)
{
	char t[16];
	snprintf(t, sizeof t, "%d", v);
	sb_add(s, t);
}

/* Append the k-th character of a string of 3-byte UTF-8 (CJK BMP) chars. */
static void sb_cjk(sbuf *s, const char *chars, size_t k)
{
	char t[4];
	memcpy(t, chars + 3 * k, 3);
	t[3] = '\0';
	sb_add(s, t);
}

static void sb_cjk_rand(sbuf *s, rng_t *r, const char *chars)
{
	sb_cjk(s, chars, rbelow(r, (uint32_t)(strlen(chars) / 3)));
}

/* Number of UTF-8 code points. */
static size_t u8len(const char *p)
{
	size_t n = 0;
	for (; *p; p++)
		n += ((unsigned char)*p & 0xC0) != 0x80;
	return n;
}

/* ----------------------------------------------------------------- dates */

/* Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* ---------------------------------------------------------------- tables */

static const char *const region_code[] = {
	"510802", "510811", "510812", "510821", "510822", "510823", "510824",
};
static const char *const region_name[] = {
	"利州区", "昭化区", "朝天区", "旺苍县", "青川县", "剑阁县", "苍溪县",
};
static const char *const towns[7][6] = {
	{ "东坝街道", "嘉陵街道", "河西街道", "南河街道", "上西街道", "宝轮镇" },
	{ "元坝镇", "昭化镇", "卫子镇", "红岩镇", "磨滩镇", "柏林沟镇" },
	{ "朝天镇", "羊木镇", "曾家镇", "中子镇", "沙河镇", "大滩镇" },
	{ "东河镇", "嘉川镇", "木门镇", "白水镇", "尚武镇", "张华镇" },
	{ "乔庄镇", "竹园镇", "木鱼镇", "沙州镇", "青溪镇", "关庄镇" },
	{ "下寺镇", "普安镇", "白龙镇", "元山镇", "开封镇", "剑门关镇" },
	{ "陵江镇", "云峰镇", "东青镇", "歧坪镇", "白驿镇", "龙山镇" },
};
static const char *const roads[] = {
	"人民路", "建设路", "滨河路", "新华街", "解放路", "工业路", "北街",
	"南街", "中山路", "蜀门路", "和平路", "兴安路", "长青路", "学府路",
};
static const char *const places[] = {
	"附近", "一带", "旁边", "对面", "路口", "工地", "工业园区",
};

static const char surnames[] =
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
	"彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金"
	"石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵";
static const char given[] =
	"伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红文"
	"玉兵德林春海波辉俊燕鹏飞宇浩然晨阳雪梅琴云峰荣祥福贵成刚丹婷"
	"莉慧佳欣怡凤兴旺永昌秋菊淑珍翠萍坤宏斌亮琳颖晓蓉";
static const char brand[] =
	"鑫华宏达昌盛兴隆恒泰嘉瑞丰源永安金利祥和天成博远川蜀广元嘉陵"
	"蓉城翔宇正大信诚德润万通汇能新锦富民康顺鸿运";

static const char *const industries[] = {
	"化工", "水泥", "造纸", "建材", "食品", "养殖", "矿业", "电镀", "印染",
	"制药", "塑料", "木业", "砂石", "混凝土", "机械", "皮革", "酿酒",
	"屠宰", "煤业", "冶炼", "陶瓷", "再生资源",
};
static const char *const company_suffix[] = {
	"有限公司", "有限公司", "有限公司", "有限责任公司", "厂", "加工厂",
};

static const char *const channels[] = {
	"letter", "visit", "hotline", "web", "wechat",
	"weibo", "mailbox", "transfer", "media", "other",
};
static const unsigned channel_w[] = { 8, 10, 30, 24, 10, 4, 5, 5, 2, 2 };

static const char *const purposes[] = { "suggestion", "accusation", "appeal" };
static const unsigned purpose_w[] = { 8, 80, 12 };

enum { AIR, WATER, NOISE, SOLID, RADIATION, SOIL, ECOLOGY, OTHER, NPOLL };
static const char *const pollution[NPOLL] = {
	"air", "water", "noise", "solid_waste",
	"radiation", "soil", "ecology", "other",
};
static const unsigned pollution_w[NPOLL] = { 35, 20, 25, 8, 2, 3, 4, 3 };

static const char *const actions[NPOLL][6] = {
	{ "排放刺鼻气体", "烟囱冒黑烟", "露天焚烧垃圾", "喷漆废气直排",
	  "粉尘污染严重", "排放恶臭气体" },
	{ "向河道排放污水", "偷排废水导致河水发黑", "污水直排嘉陵江",
	  "通过暗管排放生产废水", "养殖废水流入农田", "废水未经处理外排" },
	{ "施工噪音扰民", "机器轰鸣影响休息", "设备噪声超标", "装卸货物噪音大",
	  "冷却塔噪声扰民", "切割石材噪音刺耳" },
	{ "乱倒建筑垃圾", "倾倒工业废渣", "随意堆放危险废物", "废料堆放占用河滩",
	  "私自焚烧废旧轮胎", "医疗废物随意丢弃" },
	{ "基站辐射影响居民", "违规使用探伤设备", "放射源管理混乱",
	  "变电站电磁辐射扰民", "违规使用探伤设备", "基站辐射影响居民" },
	{ "废渣污染周边耕地", "重金属污染土壤", "填埋废料污染农田",
	  "废液渗漏污染土壤", "废渣污染周边耕地", "重金属污染土壤" },
	{ "违规采砂破坏河道", "毁林开荒", "非法占用湿地", "破坏自然保护区植被",
	  "无证开采山体", "违规采砂破坏河道" },
	{ "环评手续不全擅自开工", "未批先建", "环保设施不运行", "油烟扰民",
	  "在线监测数据造假", "未批先建" },
};
static const char *const effects[NPOLL][4] = {
	{ "气味难闻让人头晕", "呛得人不敢开窗", "不少居民出现咳嗽头痛",
	  "晾晒的衣服都被熏黑" },
	{ "河水发黑发臭", "河里鱼虾大量死亡", "周边水井已无法饮用",
	  "下游农田受到影响" },
	{ "严重影响居民休息", "老人小孩整夜无法入睡", "学生无法正常学习",
	  "窗户都跟着震动" },
	{ "臭味熏天蚊蝇滋生", "雨后渗滤液到处横流", "堵塞了排洪沟渠",
	  "严重影响村容村貌" },
	{ "附近居民担心身体健康", "周边群众十分恐慌", "附近居民担心身体健康",
	  "周边群众十分恐慌" },
	{ "庄稼大面积减产枯死", "土壤颜色明显异常", "庄稼大面积减产枯死",
	  "村民不敢再种蔬菜" },
	{ "河床遭到严重破坏", "山体植被大面积损毁", "河床遭到严重破坏",
	  "野生动物栖息地被毁" },
	{ "周边群众意见很大", "存在较大环境安全隐患", "周边群众意见很大",
	  "油烟直接飘进居民家中" },
};
static const char *const details[] = {
	"附近有一所小学和两个居民小区", "距离居民楼不到一百米",
	"周边还有幼儿园和养老院", "下游不远就是镇上的饮用水源地",
	"每到晚上十点以后情况尤其严重", "风大的时候整个片区都受影响",
	"已经有老人因此住院治疗", "附近群众反映强烈并多次到现场查看",
	"企业门口连环保标识都没有", "有人拍了视频可以作为证据",
};
static const char *const when[] = {
	"", "", "", "夜间", "凌晨", "长期", "周末", "雨天", "每天晚上", "近期",
};
static const char *const history[] = {
	"多次向有关部门反映均未解决", "曾拨打热线但问题依旧",
	"企业白天停产晚上继续生产", "村民多次与企业协商无果",
	"检查时停产检查过后照旧", "附近居民已联名反映过",
};
static const char *const requests[] = {
	"恳请环保部门尽快调查处理", "希望相关部门依法查处，还居民一片蓝天",
	"请求对该企业进行停产整顿", "请尽快派人到现场核实",
	"希望给群众一个满意的答复", "请依法严肃处理并公开结果",
};

/* --------------------------------------------------------------- records */

typedef struct {
	char received_at[32];
	const char *channel;
	int anonymous;
	sbuf name, phone, idnum, address;
	int headcount;
	const char *purpose;
	sbuf subject, content, accused, location;
	const char *unit;
	const char *pollution_type;
	int risk;
} record;

static uint64_t g_seed;
static uint32_t g_people, g_companies;

/* Random place text in district d, e.g. 利州区东坝街道滨河路附近. */
static void gen_place(sbuf *s, rng_t *r, size_t d)
{
	sb_add(s, region_name[d]);
	sb_add(s, towns[d][rbelow(r, 6)]);
	if (rpermille(r, 300)) {
		sb_cjk_rand(s, r, brand);
		sb_cjk_rand(s, r, brand);
		sb_add(s, "村");
		sb_int(s, rrange(r, 1, 12));
		sb_add(s, "组");
	} else {
		sb_add(s, PICK(r, roads));
		sb_add(s, PICK(r, places));
	}
}

/* Petitioner #idx of the pool: name, phone, ID number, address. */
static void gen_person(record *c, uint32_t idx)
{
	rng_t r = substream(g_seed, 1, idx);

	sb_cjk_rand(&c->name, &r, surnames);
	sb_cjk_rand(&c->name, &r, given);
	if (rpermille(&r, 650))
		sb_cjk_rand(&c->name, &r, given);

	char ph[12];
	ph[0] = '1';
	ph[1] = (char)('3' + rbelow(&r, 7));
	for (int i = 2; i < 11; i++)
		ph[i] = (char)('0' + rbelow(&r, 10));
	ph[11] = '\0';
	sb_add(&c->phone, ph);

	size_t d = rbelow(&r, (uint32_t)NELEM(region_code));
	long lo = days_from_civil(1940, 1, 1), hi = days_from_civil(2000, 12, 31);
	int y, m, dd;
	civil_from_days(lo + (long)rbelow(&r, (uint32_t)(hi - lo + 1)), &y, &m, &dd);
	char id[19];
	snprintf(id, sizeof id, "%s%04d%02d%02d%03d", region_code[d], y, m, dd,
	         (int)rbelow(&r, 1000));
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (id[i] - '0') * w[i];
	id[17] = "10X98765432"[sum % 11];
	id[18] = '\0';
	sb_add(&c->idnum, id);

	/* Most people live in the district of their ID; some have moved. */
	if (rpermille(&r, 300))
		d = rbelow(&r, (uint32_t)NELEM(region_code));
	sb_add(&c->address, "四川省广元市");
	sb_add(&c->address, region_name[d]);
	sb_add(&c->address, towns[d][rbelow(&r, 6)]);
	if (rpermille(&r, 500))
		sb_add(&c->address, PICK(&r, roads));
	sb_int(&c->address, rrange(&r, 1, 300));
	sb_add(&c->address, "号");
}

/* Company #idx of the pool: name and its district/location. */
static size_t gen_company(record *c, uint32_t idx, sbuf *home)
{
	rng_t r = substream(g_seed, 2, idx);
	size_t d = rbelow(&r, (uint32_t)NELEM(region_code));
	sb_add(&c->accused, rpermille(&r, 700) ? "广元市" : region_name[d]);
	sb_cjk_rand(&c->accused, &r, brand);
	sb_cjk_rand(&c->accused, &r, brand);
	sb_add(&c->accused, PICK(&r, industries));
	sb_add(&c->accused, PICK(&r, company_suffix));
	gen_place(home, &r, d);
	return d;
}

static void gen_record(record *c, rng_t *r)
{
	/* received_at: uniform second in 2016-01-01..2017-12-31 (UTC+8). */
	long d0 = days_from_civil(2016, 1, 1);
	long ndays = days_from_civil(2018, 1, 1) - d0;
	uint64_t sec = rnext(r) % (uint64_t)(ndays * 86400);
	int y, mo, dd;
	civil_from_days(d0 + (long)(sec / 86400), &y, &mo, &dd);
	int tod = (int)(sec % 86400);
	snprintf(c->received_at, sizeof c->received_at,
	         "%04d-%02d-%02dT%02d:%02d:%02d+08:00", y, mo, dd, tod / 3600,
	         tod / 60 % 60, tod % 60);

	size_t ch = rweighted(r, channel_w, NELEM(channel_w));
	c->channel = channels[ch];

	sb_reset(&c->name);
	sb_reset(&c->phone);
	sb_reset(&c->idnum);
	sb_reset(&c->address);
	c->anonymous = rpermille(r, 100);
	uint32_t person = rbelow(r, g_people);
	if (!c->anonymous)
		gen_person(c, person);

	c->headcount = 1;
	if (ch == 1 && rpermille(r, 350)) {
		int u = rrange(r, 0, 28);
		c->headcount = 2 + u * u / 28; /* 2..30, skewed small */
	}

	c->purpose = purposes[rweighted(r, purpose_w, NELEM(purpose_w))];
	size_t pt = rweighted(r, pollution_w, NPOLL);
	c->pollution_type = pollution[pt];

	sb_reset(&c->accused);
	sb_reset(&c->location);
	sbuf *home = &c->content; /* scratch; content is rebuilt below */
	sb_reset(home);
	size_t dist = gen_company(c, rbelow(r, g_companies), home);
	if (rpermille(r, 800)) {
		sb_add(&c->location, home->b);
	} else {
		dist = rbelow(r, (uint32_t)NELEM(region_code));
		gen_place(&c->location, r, dist);
	}
	c->unit = rpermille(r, 50) ? "510800" : region_code[dist];

	const char *act = actions[pt][rbelow(r, 6)];
	const char *tm = PICK(r, when);
	int newline = 0;
	sb_reset(&c->subject);
	switch (rpermille(r, 10) ? rbelow(r, 3) : 3) {
	case 0: /* comma */
		sb_add(&c->subject, c->accused.b);
		sb_add(&c->subject, tm);
		sb_add(&c->subject, act);
		sb_add(&c->subject, ",请尽快处理");
		break;
	case 1: /* double quotes */
		sb_add(&c->subject, "举报\"");
		sb_add(&c->subject, c->accused.b);
		sb_add(&c->subject, "\"");
		sb_add(&c->subject, act);
		break;
	case 2: /* embedded newline: in the content (a subject is one line) */
		sb_add(&c->subject, c->accused.b);
		sb_add(&c->subject, act);
		newline = 1;
		break;
	default:
		sb_add(&c->subject, c->accused.b);
		sb_add(&c->subject, tm);
		sb_add(&c->subject, act);
	}

	/* content: 1-3 sentences, 50-200 characters. */
	sb_reset(&c->content);
	static const char *const lead[] = {
		"", "本人反映，", "我们是附近居民，", "群众反映，", "我要举报，",
	};
	sb_add(&c->content, PICK(r, lead));
	sb_add(&c->content, "位于");
	sb_add(&c->content, c->location.b);
	sb_add(&c->content, "的");
	sb_add(&c->content, c->accused.b);
	sb_add(&c->content, tm);
	sb_add(&c->content, act);
	sb_add(&c->content, "，");
	sb_add(&c->content, effects[pt][rbelow(r, 4)]);
	uint32_t nd = (uint32_t)NELEM(details), di = rbelow(r, nd);
	for (int k = 0; k < 2 && rpermille(r, 450); k++) {
		if (k)
			di = (di + 1 + rbelow(r, nd - 1)) % nd; /* a different one */
		sb_add(&c->content, "，");
		sb_add(&c->content, details[di]);
	}
	sb_add(&c->content, "。");
	/* Optional follow-up sentences; add whatever is missing to reach 50. */
	static sbuf hist, req;
	sb_reset(&hist);
	sb_add(&hist, "该问题已持续");
	sb_int(&hist, rrange(r, 1, 24));
	sb_add(&hist, "个月，");
	sb_add(&hist, PICK(r, history));
	sb_add(&hist, "。");
	sb_reset(&req);
	sb_add(&req, PICK(r, requests));
	sb_add(&req, "。");
	int extra = (int)rbelow(r, 3);
	int use_hist = extra == 2 || (extra == 1 && rpermille(r, 500));
	int use_req = extra == 2 || (extra == 1 && !use_hist);
	size_t len = u8len(c->content.b);
	if (len + (use_hist ? u8len(hist.b) : 0) + (use_req ? u8len(req.b) : 0) < 50)
		use_hist = use_req = 1;
	if (use_hist)
		sb_add(&c->content, hist.b);
	if (use_req)
		sb_add(&c->content, req.b);
	if (newline)
		sb_add(&c->content, "\n请核查。");

	c->risk = rpermille(r, 20);
}

/* ---------------------------------------------------------------- output */

static const char *const field_names[] = {
	"received_at", "channel", "petitioner_name", "petitioner_phone",
	"petitioner_id_number", "petitioner_address", "anonymous", "headcount",
	"purpose", "subject", "content", "accused", "location", "unit",
	"pollution_type", "risk",
};

static void die(const char *msg)
{
	fprintf(stderr, "gen: %s\n", msg);
	exit(1);
}

/*
 * One CSV row: libcsv's csv_write quotes each field into a row buffer (no
 * per-character stdio calls), then the row goes out with a single fwrite.
 */
static void csv_row(FILE *fp, const char *const *f, size_t n)
{
	static char row[16384];
	size_t pos = 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			row[pos++] = ',';
		size_t need = csv_write(row + pos, sizeof row - pos - 2, f[i],
		                        strlen(f[i]));
		if (need > sizeof row - pos - 2)
			die("CSV row too long");
		pos += need;
	}
	row[pos++] = '\n';
	if (fwrite(row, 1, pos, fp) != pos)
		die("write error");
}

static void write_csv(FILE *fp, const record *c)
{
	char hc[16];
	snprintf(hc, sizeof hc, "%d", c->headcount);
	const char *f[] = {
		c->received_at, c->channel, c->name.b, c->phone.b, c->idnum.b,
		c->address.b, c->anonymous ? "true" : "false", hc, c->purpose,
		c->subject.b, c->content.b, c->accused.b, c->location.b, c->unit,
		c->pollution_type, c->risk ? "true" : "false",
	};
	csv_row(fp, f, NELEM(f));
}

static void add_str(cJSON *o, const char *k, const char *v)
{
	if (!cJSON_AddStringToObject(o, k, v))
		die("out of memory");
}

static void write_jsonl(FILE *fp, const record *c)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		die("out of memory");
	add_str(o, "received_at", c->received_at);
	add_str(o, "channel", c->channel);
	if (!c->anonymous) {
		add_str(o, "petitioner_name", c->name.b);
		add_str(o, "petitioner_phone", c->phone.b);
		add_str(o, "petitioner_id_number", c->idnum.b);
		add_str(o, "petitioner_address", c->address.b);
	}
	if (!cJSON_AddBoolToObject(o, "anonymous", c->anonymous) ||
	    !cJSON_AddNumberToObject(o, "headcount", c->headcount))
		die("out of memory");
	add_str(o, "purpose", c->purpose);
	add_str(o, "subject", c->subject.b);
	add_str(o, "content", c->content.b);
	add_str(o, "accused", c->accused.b);
	add_str(o, "location", c->location.b);
	add_str(o, "unit", c->unit);
	add_str(o, "pollution_type", c->pollution_type);
	if (!cJSON_AddBoolToObject(o, "risk", c->risk))
		die("out of memory");
	char *s = cJSON_PrintUnformatted(o);
	if (!s)
		die("out of memory");
	fputs(s, fp);
	putc('\n', fp);
	cJSON_free(s);
	cJSON_Delete(o);
}

static void usage(void)
{
	fprintf(stderr, "usage: gen [-s SEED] [-f csv|jsonl] N\n");
	exit(2);
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;
	if (!*s || *s == '-')
		return -1;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t seed = 42, n;
	int jsonl = 0, opt;

	while ((opt = getopt(argc, argv, "s:f:h")) != -1) {
		switch (opt) {
		case 's':
			if (parse_u64(optarg, &seed))
				usage();
			break;
		case 'f':
			if (!strcmp(optarg, "csv"))
				jsonl = 0;
			else if (!strcmp(optarg, "jsonl"))
				jsonl = 1;
			else
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1 || parse_u64(argv[optind], &n))
		usage();
	if (n > UINT32_MAX)
		die("N too large");

	g_seed = seed;
	g_people = n / 3 ? (uint32_t)(n / 3) : 1;
	g_companies = n / 20 ? (uint32_t)(n / 20) : 1;

	static char obuf[1 << 20];
	setvbuf(stdout, obuf, _IOFBF, sizeof obuf);

	if (!jsonl)
		csv_row(stdout, field_names, NELEM(field_names));

	static record c;
	rng_t r = { seed };
	for (uint64_t i = 0; i < n; i++) {
		gen_record(&c, &r);
		if (jsonl)
			write_jsonl(stdout, &c);
		else
			write_csv(stdout, &c);
		if (ferror(stdout))
			die("write error");
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		die("write error");
	return 0;
}
