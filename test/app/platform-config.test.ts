import { describe, expect, it } from 'vitest';
import { loadPlatformConfig, PlatformConfigError } from '../../src/app/platform-config.ts';

const SECRET = 'TOP-SECRET-VALUE-123';

function problem(channel: 'wechaty' | 'dingtalk' | 'wecom', env: NodeJS.ProcessEnv): string {
  try {
    loadPlatformConfig(channel, env);
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('platform settings, checked at start', () => {
  it('needs nothing for the console', () => {
    expect(loadPlatformConfig('console', {})).toEqual({ channel: 'console' });
  });

  it('names each missing DingTalk credential in Chinese', () => {
    const message = problem('dingtalk', {});
    expect(message).toContain('DINGTALK_CLIENT_ID：未设置');
    expect(message).toContain('DINGTALK_CLIENT_SECRET：未设置');
  });

  it('never repeats a secret back, even inside malformed JSON', () => {
    const message = problem('wecom', { WECOM_BOT_ID: 'bot', WECOM_BOT_SECRET: SECRET, WECOM_GROUP_WEBHOOKS: `{"红星化工安全对接群": ${SECRET}` });
    expect(message).toContain('WECOM_GROUP_WEBHOOKS');
    expect(message).not.toContain(SECRET);
    const robot = problem('dingtalk', { DINGTALK_CLIENT_ID: 'id', DINGTALK_CLIENT_SECRET: SECRET, DINGTALK_GROUP_WEBHOOKS: JSON.stringify({ 群: { secret: SECRET } }) });
    expect(robot).toContain('DINGTALK_GROUP_WEBHOOKS.群');
    expect(robot).toContain('缺少 access_token');
    expect(robot).not.toContain(SECRET);
  });

  it('reads group robots by group name, as a webhook address or bare credentials', () => {
    const dingtalk = loadPlatformConfig('dingtalk', {
      DINGTALK_CLIENT_ID: 'id', DINGTALK_CLIENT_SECRET: 's',
      DINGTALK_GROUP_WEBHOOKS: JSON.stringify({
        红星化工安全对接群: { webhook: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SEC1' },
        蓝天物流安全对接群: 'def',
      }),
    });
    expect(dingtalk).toMatchObject({ env: { DINGTALK_GROUP_WEBHOOKS: { 红星化工安全对接群: { accessToken: 'abc', secret: 'SEC1' }, 蓝天物流安全对接群: { accessToken: 'def' } }, HZ_BOT_NAMES: ['隐患清零'] } });
    const wecom = loadPlatformConfig('wecom', {
      WECOM_BOT_ID: 'b', WECOM_BOT_SECRET: 's',
      WECOM_GROUP_WEBHOOKS: JSON.stringify({ 红星化工安全对接群: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1', 蓝天物流安全对接群: 'k-2' }),
    });
    expect(wecom).toMatchObject({ env: { WECOM_GROUP_WEBHOOKS: { 红星化工安全对接群: 'k-1', 蓝天物流安全对接群: 'k-2' } } });
  });

  it('chooses the puppet the Wechaty way, and asks for the service token when it is needed', () => {
    expect(loadPlatformConfig('wechaty', {})).toMatchObject({ env: { WECHATY_PUPPET: 'wechaty-puppet-wechat4u', WECHATY_NAME: 'hazard-zero' } });
    expect(problem('wechaty', { WECHATY_PUPPET: 'wechaty-puppet-service' })).toContain('WECHATY_PUPPET_SERVICE_TOKEN');
    expect(problem('wechaty', { WECHATY_PUPPET: 'wechaty-puppet-padlocal' })).toContain('WECHATY_PUPPET');
  });
});
