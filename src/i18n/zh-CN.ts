import { checkInTexts } from '../features/check-in/texts.js';
import { damageTexts } from '../features/damage/texts.js';
import { pdfTexts } from '../features/pdf/texts.js';
import { signatureTexts } from '../features/signatures/texts.js';
import type { Translation } from './en.js';
import { photoTexts } from '../features/photos/texts.js';
import { sessionTexts } from '../features/session/texts.js';
import { adminTexts } from '../features/admin/texts.js';
import { addedWorkTexts } from '../features/added-work/texts.js';
import { workshopTexts } from '../features/workshop/texts.js';
import { orderTexts } from '../features/orders/texts.js';

/** 简体中文。Terms follow DOMAIN.md (维修委托书, 预检表 …). */
export const zhCN: Translation = {
  app: {
    title: '服务接待',
    signedInAs: '当前用户:{{name}}({{role}})',
    close: '关闭',
    loadingScreen: '正在打开页面…',
  },
  language: { label: '语言', en: 'English', zh: '中文' },
  sync: {
    online: '在线',
    offline: '离线',
    pending_one: '{{count}} 项更改尚未上传服务器',
    pending_other: '{{count}} 项更改尚未上传服务器',
    allOnServer: '所有更改已上传服务器',
    lastSync: '上次同步 {{time}}',
    neverSynced: '尚未同步',
    problem: '同步问题',
    statusLabel: '同步状态',
    refused_one: '{{count}} 项更改被服务器拒绝',
    refused_other: '{{count}} 项更改被服务器拒绝',
    refusedTitle: '服务器未接受',
    signInToSend_one: '{{names}}:请重新登录以发送您的更改',
    signInToSend_other: '{{names}}:请重新登录以发送各自的更改',
    refusedKept: '已保留在本平板上。修改此记录后将重新发送。',
    sending: '正在上传更改 {{done}} / {{total}}',
    receiving: '正在接收记录 {{done}} / {{total}}',
    secondsLeft: '约剩 {{seconds}} 秒',
    minutesLeft: '约剩 {{minutes}} 分钟',
  },
  update: {
    available: '应用新版本已就绪。',
    reload: '立即更新',
    later: '稍后',
  },
  storage: {
    usage: '已用存储:{{used}} / {{quota}}',
    persisted: '浏览器已保证存储不被清除',
    notPersisted: '空间不足时浏览器可能清除此存储',
  },
  orders: {
    today: '今日维修委托书',
    empty: '今天还没有维修委托书。',
    open: '打开工单',
    loading: '正在加载工单…',
    search: '按车牌号、工单号或客户搜索',
  },
  order: {
    back: '返回工单列表',
    customerLanguages: { 'zh-CN': '中文', en: 'English' },
    heading: '维修委托书 {{number}}',
    notFound: '本平板上没有此维修委托书。',
    conflictsTitle: '同步冲突中保留的修改',
    conflictLine: '{{field}}:{{by}} 填写的"{{lost}}"已被"{{kept}}"替换',
    sections: {
      customer: '客户信息',
      vehicle: '车辆信息',
    },
    fields: {
      customerName: '客户姓名',
      customerPhone: '联系电话',
      customerLanguage: '客户联语言',
      plate: '车牌号',
      vin: '车架号 (VIN)',
      vinHint: '17 位,不含 I、O、Q',
      model: '车型',
      colour: '颜色',
      odometer: '公里数 (km)',
      concern: '客户描述(用客户的原话)',
      concernHint: '什么现象、何时出现、频率如何、在什么条件下',
      status: '状态',
    },
  },
  status: {
    draft: '草稿',
    'checked-in': '已接车',
    'in-workshop': '维修中',
    ready: '待交车',
    delivered: '已交车',
    cancelled: '已取消',
  },
  damage: damageTexts.zhCN,
  checkIn: checkInTexts.zhCN,
  photos: photoTexts.zhCN,
  signatures: signatureTexts.zhCN,
  pdf: pdfTexts.zhCN,
  session: sessionTexts.zhCN,
  admin: adminTexts.zhCN,
  addedWork: addedWorkTexts.zhCN,
  workshop: workshopTexts.zhCN,
  orderStatus: orderTexts.zhCN,
  errors: {
    title: '未保存',
  },
};
