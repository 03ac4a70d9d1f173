//! Mainland China's public holidays and make-up working days (调休上班) as the State Council
//! General Office announces them each year (国务院办公厅关于XXXX年部分节假日安排的通知).
//! Only years whose every date was checked against the notice's text ship here; each year
//! carries its notice number, date and where the text was read (shown in Settings).
//!
//! - 2023: 国办发明电〔2022〕16号, 2022-12-08. Text: 国务院公报 2023 第1号 as on Wikisource
//!   <https://zh.wikisource.org/wiki/国务院办公厅关于2023年部分节假日安排的通知>, and Xinhua on
//!   china.com.cn <http://news.china.com.cn/2022-12/09/content_85004315.htm>.
//! - 2024: 国办发明电〔2023〕7号, 2023-10-25. Text: 国务院公报 2023 第31号 as on Wikisource
//!   <https://zh.wikisource.org/wiki/国务院办公厅关于2024年部分节假日安排的通知>, and 人民日报
//!   2023-10-26 p. 6 <http://paper.people.com.cn/rmrb/html/2023-10/26/nw.D110000renmrb_20231026_3-06.htm>.
//! - 2025: 国办发明电〔2024〕12号, 2024-11-12. Text: Xinhua on gmw.cn
//!   <https://m.gmw.cn/2024-11/12/content_1303894933.htm> (the number as reprints give it).
//! - 2026: 国办发明电〔2025〕7号, 2025-11-04. Text: Xinhua on gmw.cn
//!   <https://politics.gmw.cn/2025-11/04/content_38391083.htm> and on hrbtv.net (the number
//!   as reprints give it).

use chrono::NaiveDate;

use super::holidays::HolidayDays;

/// A day as (year, month, day).
type Ymd = (i32, u32, u32);

/// One year's notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficialYear {
    pub year: i32,
    /// The notice's number (文号).
    pub notice: &'static str,
    /// The day the notice was issued, `YYYY-MM-DD`.
    pub issued: &'static str,
    /// Where its text was read.
    pub source: &'static str,
    /// Holiday periods as the notice states them (放假), first and last day.
    holidays: &'static [(Ymd, Ymd)],
    /// The weekend days worked instead (上班).
    makeup: &'static [Ymd],
}

/// Every year that ships, oldest first.
pub const YEARS: [OfficialYear; 4] = [
    OfficialYear {
        year: 2023,
        notice: "国办发明电〔2022〕16号",
        issued: "2022-12-08",
        source: "https://zh.wikisource.org/wiki/国务院办公厅关于2023年部分节假日安排的通知",
        holidays: &[
            ((2022, 12, 31), (2023, 1, 2)),
            ((2023, 1, 21), (2023, 1, 27)),
            ((2023, 4, 5), (2023, 4, 5)),
            ((2023, 4, 29), (2023, 5, 3)),
            ((2023, 6, 22), (2023, 6, 24)),
            ((2023, 9, 29), (2023, 10, 6)),
        ],
        makeup: &[(2023, 1, 28), (2023, 1, 29), (2023, 4, 23), (2023, 5, 6), (2023, 6, 25), (2023, 10, 7), (2023, 10, 8)],
    },
    OfficialYear {
        year: 2024,
        notice: "国办发明电〔2023〕7号",
        issued: "2023-10-25",
        source: "https://zh.wikisource.org/wiki/国务院办公厅关于2024年部分节假日安排的通知",
        holidays: &[
            ((2024, 1, 1), (2024, 1, 1)),
            ((2024, 2, 10), (2024, 2, 17)),
            ((2024, 4, 4), (2024, 4, 6)),
            ((2024, 5, 1), (2024, 5, 5)),
            ((2024, 6, 10), (2024, 6, 10)),
            ((2024, 9, 15), (2024, 9, 17)),
            ((2024, 10, 1), (2024, 10, 7)),
        ],
        makeup: &[(2024, 2, 4), (2024, 2, 18), (2024, 4, 7), (2024, 4, 28), (2024, 5, 11), (2024, 9, 14), (2024, 9, 29), (2024, 10, 12)],
    },
    OfficialYear {
        year: 2025,
        notice: "国办发明电〔2024〕12号",
        issued: "2024-11-12",
        source: "https://m.gmw.cn/2024-11/12/content_1303894933.htm",
        holidays: &[
            ((2025, 1, 1), (2025, 1, 1)),
            ((2025, 1, 28), (2025, 2, 4)),
            ((2025, 4, 4), (2025, 4, 6)),
            ((2025, 5, 1), (2025, 5, 5)),
            ((2025, 5, 31), (2025, 6, 2)),
            ((2025, 10, 1), (2025, 10, 8)),
        ],
        makeup: &[(2025, 1, 26), (2025, 2, 8), (2025, 4, 27), (2025, 9, 28), (2025, 10, 11)],
    },
    OfficialYear {
        year: 2026,
        notice: "国办发明电〔2025〕7号",
        issued: "2025-11-04",
        source: "https://politics.gmw.cn/2025-11/04/content_38391083.htm",
        holidays: &[
            ((2026, 1, 1), (2026, 1, 3)),
            ((2026, 2, 15), (2026, 2, 23)),
            ((2026, 4, 4), (2026, 4, 6)),
            ((2026, 5, 1), (2026, 5, 5)),
            ((2026, 6, 19), (2026, 6, 21)),
            ((2026, 9, 25), (2026, 9, 27)),
            ((2026, 10, 1), (2026, 10, 7)),
        ],
        makeup: &[(2026, 1, 4), (2026, 2, 14), (2026, 2, 28), (2026, 5, 9), (2026, 9, 20), (2026, 10, 10)],
    },
];

fn day((y, m, d): Ymd) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("the official lists hold real dates (tested)")
}

/// The list for a year, if one ships.
pub fn year(year: i32) -> Option<&'static OfficialYear> {
    YEARS.iter().find(|y| y.year == year)
}

impl OfficialYear {
    /// The notice's title, as it is cited.
    pub fn title(&self) -> String {
        format!("国务院办公厅关于{}年部分节假日安排的通知", self.year)
    }

    /// Its days: every day of each holiday period, and the make-up working days.
    pub fn days(&self) -> HolidayDays {
        HolidayDays {
            holidays: self.holidays.iter().flat_map(|(a, b)| day(*a).iter_days().take_while(move |d| *d <= day(*b))).collect(),
            makeup_workdays: self.makeup.iter().map(|d| day(*d)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Weekday};

    /// What each notice states: the length of every holiday period (共N天), in order.
    const LENGTHS: [(i32, &[i64]); 4] =
        [(2023, &[3, 7, 1, 5, 3, 8]), (2024, &[1, 8, 3, 5, 1, 3, 7]), (2025, &[1, 8, 3, 5, 3, 8]), (2026, &[3, 9, 3, 5, 3, 3, 7])];

    #[test]
    fn the_lists_are_what_the_notices_say() {
        for (y, lengths) in LENGTHS {
            let o = year(y).unwrap();
            let got: Vec<i64> = o.holidays.iter().map(|(a, b)| (day(*b) - day(*a)).num_days() + 1).collect();
            assert_eq!(got, lengths, "{y}");
            let days = o.days();
            // 上班 days are weekend days, never inside a holiday period.
            for d in &days.makeup_workdays {
                assert!(matches!(d.weekday(), Weekday::Sat | Weekday::Sun), "{d}");
                assert!(!days.holidays.contains(d));
            }
            assert!(o.source.starts_with("https://") && o.notice.starts_with("国办发明电"));
        }
        // Days the notices name with their weekday.
        let d26 = year(2026).unwrap().days();
        assert_eq!(day((2026, 1, 1)).weekday(), Weekday::Thu);
        assert_eq!(day((2026, 2, 23)).weekday(), Weekday::Mon);
        assert!(d26.holidays.contains(&day((2026, 2, 15))) && d26.makeup_workdays.contains(&day((2026, 2, 28))));
        assert_eq!(day((2025, 5, 31)).weekday(), Weekday::Sat);
        assert_eq!(year(2026).unwrap().days().holidays.len(), 33);
        assert_eq!(year(2027), None);
        assert_eq!(year(2026).unwrap().title(), "国务院办公厅关于2026年部分节假日安排的通知");
    }
}
