/**
 * 《物业企业评价激励机制试点周检查表》: the 35 standards the working group checks every week. It
 * leans on what can change within a week and on the subjects the pilot named explicitly: property
 * archives, special-equipment maintenance and operation (C-05..C-08) and fire-control-room
 * duty (E-01..E-03). Order is the order on the printed form.
 */
export const WEEKLY_CHECKLIST_CODES: string[] = [
  // 综合管理与物业档案
  'A-03',
  'A-04',
  'A-05',
  'A-07',
  'A-11',
  // 房屋
  'B-01',
  'B-02',
  'B-05',
  'B-08',
  // 设施设备与特种设备
  'C-02',
  'C-03',
  'C-04',
  'C-05',
  'C-06',
  'C-07',
  'C-08',
  'C-16',
  // 公共秩序
  'D-01',
  'D-02',
  'D-03',
  'D-04',
  'D-05',
  // 消防与消防控制室
  'E-01',
  'E-02',
  'E-03',
  'E-04',
  'E-05',
  'E-07',
  'E-10',
  // 环境、绿化、客户服务
  'F-01',
  'F-03',
  'F-04',
  'G-05',
  'H-02',
  'H-03',
];
