import type { Category } from './types.js';

/** The eight categories (八大类) of the evaluation catalogue, in display order. */
export const CATEGORIES: Category[] = [
  {
    code: 'A',
    name: { zh: '综合管理服务', en: 'General management' },
    scope: '合同与公示、人员配置、管理制度、物业档案、工作记录、培训、外包监管和应急管理。',
  },
  {
    code: 'B',
    name: { zh: '房屋管理与维护保养服务', en: 'Building management and maintenance' },
    scope: '房屋共用部位巡查与维修、装修管理、道路管网和防汛。',
  },
  {
    code: 'C',
    name: { zh: '共用设施设备运行维护服务', en: 'Shared facilities and equipment' },
    scope: '设施设备台账与标识、运行和巡检记录、电梯等特种设备、供配电、供水、照明和监控。',
  },
  {
    code: 'D',
    name: { zh: '公共秩序维护服务', en: 'Public order and security' },
    scope: '出入口值守与访客登记、巡逻、停车秩序、电动车停放充电和治安事件处置。',
  },
  {
    code: 'E',
    name: { zh: '消防安全管理服务', en: 'Fire safety management' },
    scope: '消防控制室值班、消防通道和疏散设施、消防设备维保、防火巡查和动火管理。',
  },
  {
    code: 'F',
    name: { zh: '环境卫生服务', en: 'Sanitation' },
    scope: '公共区域保洁、垃圾分类与清运、消杀和雨雪天气清扫。',
  },
  {
    code: 'G',
    name: { zh: '绿化养护服务', en: 'Landscaping and green care' },
    scope: '绿地覆盖、修剪、浇水施肥、病虫害防治、树木安全和绿地保护。',
  },
  {
    code: 'H',
    name: { zh: '客户服务与社区共建', en: 'Customer service and community building' },
    scope: '接待与报修、投诉闭环、满意度调查、线上服务、物业管家和社区共建。',
  },
];
